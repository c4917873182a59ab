package org.natterjack.admin;

/**
 * A SIP account as an operator sees it (no credentials).
 *
 * @param domain {@code ""} for an account valid in every local domain
 * @param realm the digest realm its credentials were computed for
 * @param maxContacts its own limit of contacts registered at once; 0 = {@code registrar.max-contacts}
 * @param effectiveMaxContacts the limit that applies now
 * @param natPolicy {@code auto} (the NAT test decides), {@code always} or {@code never} behind NAT
 * @param homeRoute where calls go while it has no binding (a routing destination); {@code ""} for none
 * @param tunnel whether it may log in to the tunnel
 */
public record SipUserInfo(String username, String domain, String realm, String displayName, int maxContacts,
                          int effectiveMaxContacts, String natPolicy, String homeRoute, boolean tunnel) {
}
