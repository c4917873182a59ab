package org.natterjack.plugin;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What a plug-in that logs SIP users in by their credentials (the tunnel) may know of them: the SHA-256 HA1
 * the store keeps, never a password; and the per-source throttle that digest authentication feeds, so that
 * failures anywhere count together.
 */
public interface SipCredentials {

    /**
     * An account as a login proof needs it.
     *
     * @param username the user part of the address-of-record
     * @param realm the realm its HA1 was computed for
     * @param sha256Ha1 hex SHA-256 of {@code username:realm:password} (RFC 7616)
     * @param tunnelAllowed whether an operator lets the user log in to the tunnel
     */
    record Account(String username, String realm, String sha256Ha1, boolean tunnelAllowed) {
    }

    /** The realm the gateway challenges with now ({@code auth.realm}). */
    String realm();

    /** The account of {@code username} in {@code domain} (or valid in every domain), if there is one. */
    Optional<Account> find(String username, String domain);

    /** True while {@code source} has failed too often to be let try again. */
    boolean isBlocked(InetAddress source);

    /** Counts a failed login of {@code who} from {@code source}. */
    void recordFailure(InetAddress source, String who);
}
