package org.natterjack.admin;

import java.util.regex.Pattern;

/**
 * A SIP account to add; validated on construction.
 *
 * @param domain {@code ""} (or null) for an account valid in every local domain
 * @param displayName free text, may be empty
 */
public record NewSipUser(String username, String domain, String displayName, String password) {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]+]?");
    static final int MAX_DISPLAY_NAME = 100;

    public NewSipUser {
        domain = domain == null ? "" : domain.trim();
        displayName = displayName == null ? "" : displayName.trim();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: 1-64 of the characters A-Z a-z 0-9 . _ ~ + -");
        }
        if (!domain.isEmpty() && !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain: '" + domain + "' is not a domain name or IP address");
        }
        SipUserUpdate.checkDisplayName(displayName);
        SipUserUpdate.checkPassword(password);
    }
}
