package org.natterjack.admin;

import java.util.List;

/**
 * One registered contact.
 *
 * @param key identifies the binding within its AOR (for {@link Registrations#unregister})
 * @param contact the Contact as the client sent it
 * @param receivedFrom where the REGISTER really came from ({@code ADDRESS:PORT}, brackets for IPv6)
 * @param transport {@code UDP} or {@code TCP}
 * @param natEvidence why the client counts as behind NAT; empty when it does not
 * @param expiresInSeconds seconds until the binding lapses
 * @param userAgent its User-Agent header, or empty
 * @param node the gateway node holding the client's flow ({@code local} for a gateway alone)
 * @param path the RFC 3327 Path the registration came through, nearest proxy first; empty when direct
 */
public record RegistrationInfo(String aor, String key, String contact, String receivedFrom, String transport,
                               boolean behindNat, List<String> natEvidence, long expiresInSeconds,
                               String userAgent, String node, List<String> path) {

    public RegistrationInfo {
        natEvidence = List.copyOf(natEvidence);
        path = List.copyOf(path);
    }
}
