package org.natterjack.admin;

import java.util.Optional;

/** What to change in a SIP account: each field that is present replaces the current value. */
public record SipUserUpdate(Optional<String> displayName, Optional<String> password) {

    public SipUserUpdate {
        displayName = displayName.map(String::trim);
        displayName.ifPresent(SipUserUpdate::checkDisplayName);
        password.ifPresent(SipUserUpdate::checkPassword);
    }

    static void checkDisplayName(String name) {
        if (name.length() > NewSipUser.MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("display name: at most " + NewSipUser.MAX_DISPLAY_NAME
                    + " characters, no control characters");
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.isEmpty() || password.length() > 128) {
            throw new IllegalArgumentException("password: 1-128 characters");
        }
    }
}
