package org.natterjack.admin;

import java.util.regex.Pattern;
import org.natterjack.users.UserPolicy;

/**
 * A SIP account to add; validated on construction.
 *
 * @param domain {@code ""} (or null) for an account valid in every local domain
 * @param displayName free text, may be empty
 * @param maxContacts 0 (or null): {@code registrar.max-contacts}; else 1-100
 * @param natPolicy {@code auto} (or null), {@code always} or {@code never}
 * @param homeRoute a routing destination for calls while the account has no binding; {@code ""} (or null): none
 */
public record NewSipUser(String username, String domain, String displayName, String password, Integer maxContacts,
                         String natPolicy, String homeRoute) {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]+]?");
    static final int MAX_DISPLAY_NAME = 100;

    public NewSipUser {
        domain = domain == null ? "" : domain.trim();
        displayName = displayName == null ? "" : displayName.trim();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidFieldException("username", "username: 1-64 of the characters A-Z a-z 0-9 . _ ~ + -");
        }
        if (!domain.isEmpty() && !DOMAIN.matcher(domain).matches()) {
            throw new InvalidFieldException("domain", "domain: '" + domain + "' is not a domain name or IP address");
        }
        SipUserUpdate.checkDisplayName(displayName);
        SipUserUpdate.checkPassword(password);
        maxContacts = maxContacts == null ? 0 : maxContacts;
        SipUserUpdate.checkMaxContacts(maxContacts);
        natPolicy = SipUserUpdate.natPolicy(natPolicy);
        homeRoute = homeRoute == null ? "" : homeRoute.trim();
        SipUserUpdate.checkHomeRoute(homeRoute);
    }

    UserPolicy policy() {
        return new UserPolicy(maxContacts, UserPolicy.parseNatPolicy(natPolicy), homeRoute);
    }
}
