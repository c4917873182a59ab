package org.natterjack.users;

import java.util.Optional;
import org.natterjack.nat.NatPolicy;
import org.natterjack.routing.Destination;

/**
 * What an operator set for one SIP account beyond its credentials; validated on construction.
 *
 * @param maxContacts the most bindings the account may hold, 1-100; 0 = {@code registrar.max-contacts}
 * @param natPolicy whether the NAT test decides, or the account is always or never behind NAT
 * @param homeRoute a routing destination ({@code trunk:out}, {@code user:bob}, ...) for calls to the account
 *     while it has no binding; empty for none
 * @param tunnel whether the user may log in to the tunnel ({@code natterjack agent})
 */
public record UserPolicy(int maxContacts, NatPolicy natPolicy, String homeRoute, boolean tunnel) {

    public static final int MAX_CONTACTS = 100;
    public static final UserPolicy DEFAULT = new UserPolicy(0, NatPolicy.AUTO, "", true);

    public UserPolicy {
        homeRoute = homeRoute == null ? "" : homeRoute.trim();
        if (natPolicy == null) {
            throw new IllegalArgumentException("natPolicy: auto, always or never");
        }
        checkMaxContacts(maxContacts);
        checkHomeRoute(homeRoute);
    }

    /** A policy that allows the tunnel, as every account's does until an operator says otherwise. */
    public UserPolicy(int maxContacts, NatPolicy natPolicy, String homeRoute) {
        this(maxContacts, natPolicy, homeRoute, true);
    }

    /** This account's limit, or {@code global} when it has none of its own. */
    public int maxContacts(int global) {
        return maxContacts == 0 ? global : maxContacts;
    }

    /** {@code natPolicy} as written ({@code auto}, {@code always}, {@code never}; null or empty: auto). */
    public static NatPolicy parseNatPolicy(String text) {
        if (text == null || text.isBlank()) {
            return NatPolicy.AUTO;
        }
        try {
            return NatPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("natPolicy: " + e.getMessage(), e);
        }
    }

    public Optional<Destination> homeDestination() {
        return homeRoute.isEmpty() ? Optional.empty() : Optional.of(Destination.parse(homeRoute));
    }

    /** Messages of refusals name the field as the admin API spells it ({@code maxContacts: ...}). */
    public static void checkMaxContacts(int maxContacts) {
        if (maxContacts < 0 || maxContacts > MAX_CONTACTS) {
            throw new IllegalArgumentException("maxContacts: 0 (the registrar's setting) to " + MAX_CONTACTS
                    + ", not " + maxContacts);
        }
    }

    /** A destination as routing rules name them; {@code *} (the dialled number) means nothing here. */
    public static void checkHomeRoute(String homeRoute) {
        if (homeRoute.isEmpty()) {
            return;
        }
        Destination destination;
        try {
            destination = Destination.parse(homeRoute);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("homeRoute: " + e.getMessage(), e);
        }
        if (destination instanceof Destination.LocalUser u && u.user().equals("*")
                || destination instanceof Destination.Redirect r && r.user().equals("*")) {
            throw new IllegalArgumentException("homeRoute: '" + homeRoute + "' must name a user, not *");
        }
    }
}
