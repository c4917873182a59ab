package org.natterjack.webadmin.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.javalin.security.RouteRole;
import java.util.Locale;
import org.natterjack.admin.InvalidFieldException;

/** What an account may do; each role includes the ones below it. */
public enum Role implements RouteRole {
    /** Reads everything an operator sees, changes nothing. */
    MONITOR,
    /** Also SIP users, registrations and call control. */
    OPERATOR,
    /** Everything: routing, accounts, API tokens, the audit log. */
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but admin, operator or monitor */
    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidFieldException("role", "role: one of admin, operator, monitor");
        }
    }
}
