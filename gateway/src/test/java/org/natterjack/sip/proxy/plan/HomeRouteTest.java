package org.natterjack.sip.proxy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.nat.NatPolicy;
import org.natterjack.routing.Destination;
import org.natterjack.users.UserPolicy;

class HomeRouteTest {

    private static final UserPolicy HOME_BOB = new UserPolicy(0, NatPolicy.AUTO, "user:bob");

    @Test
    void aUserWithoutBindingIsReachedThroughItsHomeRoute() {
        assertEquals(Optional.of(new Destination.LocalUser("bob")), CallPlanner.homeRoute(false, false, HOME_BOB));
    }

    @Test
    void aUserWithABindingIsCalledThere() {
        assertEquals(Optional.empty(), CallPlanner.homeRoute(true, false, HOME_BOB));
    }

    @Test
    void aHomeRouteIsNotFollowedFromAnotherHomeRoute() {
        assertEquals(Optional.empty(), CallPlanner.homeRoute(false, true, HOME_BOB));
    }

    @Test
    void withoutAHomeRouteTheUserIsUnavailable() {
        assertEquals(Optional.empty(), CallPlanner.homeRoute(false, false, UserPolicy.DEFAULT));
    }
}
