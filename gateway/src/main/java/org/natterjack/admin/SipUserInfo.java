package org.natterjack.admin;

/**
 * A SIP account as an operator sees it (no credentials).
 *
 * @param domain {@code ""} for an account valid in every local domain
 * @param realm the digest realm its credentials were computed for
 * @param maxContacts how many contacts it may register at once ({@code registrar.max-contacts}, the same
 *     for every account)
 */
public record SipUserInfo(String username, String domain, String realm, String displayName, int maxContacts) {
}
