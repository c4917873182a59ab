package org.natterjack.admin;

import java.util.Optional;
import org.natterjack.users.UserPolicy;

/**
 * What to change in a SIP account: each field that is present replaces the current value; validated on
 * construction (see {@link NewSipUser} for the values).
 */
public record SipUserUpdate(Optional<String> displayName, Optional<String> password, Optional<Integer> maxContacts,
                            Optional<String> natPolicy, Optional<String> homeRoute, Optional<Boolean> tunnel) {

    public SipUserUpdate {
        displayName = displayName.map(String::trim);
        displayName.ifPresent(SipUserUpdate::checkDisplayName);
        password.ifPresent(SipUserUpdate::checkPassword);
        maxContacts.ifPresent(SipUserUpdate::checkMaxContacts);
        natPolicy = natPolicy.map(SipUserUpdate::natPolicy);
        homeRoute = homeRoute.map(String::trim);
        homeRoute.ifPresent(SipUserUpdate::checkHomeRoute);
    }

    /** {@code current} with this update's policy fields applied. */
    UserPolicy applyTo(UserPolicy current) {
        return new UserPolicy(maxContacts.orElse(current.maxContacts()),
                natPolicy.map(UserPolicy::parseNatPolicy).orElse(current.natPolicy()),
                homeRoute.orElse(current.homeRoute()), tunnel.orElse(current.tunnel()));
    }

    static void checkDisplayName(String name) {
        if (name.length() > NewSipUser.MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException("displayName", "display name: at most " + NewSipUser.MAX_DISPLAY_NAME
                    + " characters, no control characters");
        }
    }

    static void checkMaxContacts(int maxContacts) {
        InvalidFieldException.checked("maxContacts", () -> {
            UserPolicy.checkMaxContacts(maxContacts);
            return maxContacts;
        });
    }

    /** The policy as the admin API spells it ({@code auto}, {@code always}, {@code never}). */
    static String natPolicy(String text) {
        return InvalidFieldException.checked("natPolicy", () -> UserPolicy.parseNatPolicy(text).text());
    }

    static void checkHomeRoute(String homeRoute) {
        InvalidFieldException.checked("homeRoute", () -> {
            UserPolicy.checkHomeRoute(homeRoute);
            return homeRoute;
        });
    }

    static void checkPassword(String password) {
        if (password == null || password.isEmpty() || password.length() > 128) {
            throw new InvalidFieldException("password", "password: 1-128 characters");
        }
    }
}
