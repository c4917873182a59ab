package org.natterjack.sip.auth;

import java.util.Map;

/**
 * A SIP account as authentication sees it: no password, only HA1 per algorithm for the user's realm.
 *
 * @param username the user part of the address-of-record
 * @param domain the domain the account belongs to; empty means every local domain
 * @param realm the realm its HA1 values were computed for
 * @param ha1 HA1 per algorithm
 */
public record SipUser(String username, String domain, String realm, Map<DigestAlgorithm, String> ha1) {

    public SipUser {
        ha1 = Map.copyOf(ha1);
    }

    /** Computes the stored form of a new account; the password itself is not kept. */
    public static SipUser withPassword(String username, String domain, String realm, String password) {
        return new SipUser(username, domain, realm, Map.of(
                DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1(username, realm, password),
                DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256.ha1(username, realm, password)));
    }

    public boolean servesEveryDomain() {
        return domain.isEmpty();
    }
}
