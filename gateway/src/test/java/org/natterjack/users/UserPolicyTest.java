package org.natterjack.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natterjack.nat.NatIndication;
import org.natterjack.nat.NatPolicy;
import org.natterjack.routing.Destination;

class UserPolicyTest {

    @Test
    void noOwnLimitMeansTheRegistrarsSetting() {
        assertEquals(10, UserPolicy.DEFAULT.maxContacts(10));
        assertEquals(1, new UserPolicy(1, NatPolicy.AUTO, "").maxContacts(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void aLimitOutside0To100IsRefusedNamingTheField(int maxContacts) {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new UserPolicy(maxContacts, NatPolicy.AUTO, "")).getMessage().startsWith("maxContacts:"));
    }

    @Test
    void natPolicyIsReadInAnyCaseAndEmptyIsAuto() {
        assertEquals(NatPolicy.ALWAYS, UserPolicy.parseNatPolicy(" Always "));
        assertEquals(NatPolicy.NEVER, UserPolicy.parseNatPolicy("never"));
        assertEquals(NatPolicy.AUTO, UserPolicy.parseNatPolicy(""));
        assertEquals(NatPolicy.AUTO, UserPolicy.parseNatPolicy(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserPolicy.parseNatPolicy("sometimes"))
                .getMessage().startsWith("natPolicy:"));
    }

    @Test
    void homeRoutesAreRoutingDestinations() {
        assertEquals(Optional.of(new Destination.Trunk("out")), new UserPolicy(0, NatPolicy.AUTO, "trunk:out")
                .homeDestination());
        assertEquals(Optional.of(new Destination.NextHop("192.0.2.7", 5060, "udp")),
                new UserPolicy(0, NatPolicy.AUTO, " hop:192.0.2.7:5060 ").homeDestination());
        assertEquals(Optional.of(new Destination.LocalUser("bob")),
                new UserPolicy(0, NatPolicy.AUTO, "user:bob").homeDestination());
        assertEquals(Optional.of(new Destination.Group("sales")),
                new UserPolicy(0, NatPolicy.AUTO, "group:sales").homeDestination());
        assertEquals(Optional.of(new Destination.Reject(486)),
                new UserPolicy(0, NatPolicy.AUTO, "reject:486").homeDestination());
        assertEquals(Optional.empty(), new UserPolicy(0, NatPolicy.AUTO, null).homeDestination());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "user:*", "redirect:*", "reject:200", "trunk:Out", "hop:host:99999", "fax:1"})
    void anythingElseIsRefusedNamingTheField(String homeRoute) {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new UserPolicy(0, NatPolicy.AUTO, homeRoute)).getMessage().startsWith("homeRoute:"));
    }

    @Test
    void natPolicyOverrulesTheNatTestOnlyWhenSet() {
        Set<NatIndication> found = Set.of(NatIndication.CONTACT_PRIVATE);

        assertEquals(found, NatPolicy.AUTO.apply(found));
        assertEquals(Set.of(), NatPolicy.AUTO.apply(Set.of()));
        assertEquals(found, NatPolicy.ALWAYS.apply(found));
        assertEquals(Set.of(NatIndication.POLICY), NatPolicy.ALWAYS.apply(Set.of()));
        assertEquals(Set.of(), NatPolicy.NEVER.apply(found));
    }
}
