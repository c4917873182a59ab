package org.natterjack.sip.proxy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.config.LocalDomains;
import org.natterjack.location.Binding;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.NodeId;
import org.natterjack.nat.NatPolicy;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.routing.RingGroup;
import org.natterjack.routing.RoutingRule;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RuleSpec;
import org.natterjack.routing.TrunkHop;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.testing.MutableClock;
import org.natterjack.users.UserPolicy;

/** Where calls go, decided on plain values: no SIP stack, no sockets, no DNS. */
class CallPlannerTest {

    private static final InetAddress OUTSIDE = address("198.51.100.7");

    private final MutableClock clock = new MutableClock();
    private final MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
    private final List<RoutingRule> rules = new ArrayList<>();
    private final List<RingGroup> groups = new ArrayList<>();
    private final Map<String, UserPolicy> policies = new HashMap<>();
    private final Map<String, TrunkHop> trunks = new HashMap<>();
    private boolean foreignDomains = true;

    private final CallPlanner planner = new CallPlanner(() -> new RoutingTable(rules, groups), location,
            (user, domain) -> Set.of("alice", "bob", "carol", "dave").contains(user)
                    ? Optional.of(SipUser.withPassword(user, domain, "natterjack", "x")) : Optional.empty(),
            (user, domain) -> policies.getOrDefault(user, UserPolicy.DEFAULT),
            LocalDomains.of(List.of("example.com")), () -> foreignDomains,
            (TrunkResolver) (trunk, number) -> trunks.getOrDefault(trunk, new TrunkHop.Unavailable("down")),
            Set.of(Transport.UDP, Transport.TCP));

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallRequest call(String user, String host, boolean known) {
        return new CallRequest(true, false, Optional.of(user), host, -1, Optional.empty(), false, known, OUTSIDE);
    }

    private Binding register(String user, String contactHost) {
        Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060),
                new InetSocketAddress(contactHost, 5060));
        Instant now = clock.instant();
        Binding binding = new Binding("sip:" + user + "@example.com", "sip:" + user + "@" + contactHost, flow,
                NodeId.LOCAL, Set.of(), now.plusSeconds(3600), 1000, "call-" + contactHost, 1, Optional.empty(),
                OptionalInt.empty(), "", now, now, List.of());
        location.save(binding.aor(), current -> {
            List<Binding> next = new ArrayList<>(current);
            next.add(binding);
            return next;
        });
        return binding;
    }

    private void rule(String prefix, String destination, boolean failover) {
        rules.add(new RuleSpec(rules.size() + 1, rules.size() + 1, prefix, null, null, 0, null, null, null,
                destination, failover, "").toRule(rules.size() + 1));
    }

    @Test
    void aRegisteredUserIsForkedToAllItsContactsInParallel() {
        Binding desk = register("alice", "203.0.113.10");
        Binding phone = register("alice", "203.0.113.11");

        CallPlan.Fork fork = assertInstanceOf(CallPlan.Fork.class, planner.plan(call("alice", "example.com", false)));

        assertEquals(Set.of(desk, phone), Set.copyOf(fork.contacts()));
        assertEquals(Failover.onServerFailure(Optional.empty()), fork.failover());
    }

    @Test
    void anUnregisteredUserIsTemporarilyUnavailableAndAnUnknownOneNotFoundOnlyForKnownCallers() {
        assertEquals(new CallPlan.Respond(480, Optional.empty()), planner.plan(call("bob", "example.com", true)));
        assertEquals(new CallPlan.Respond(404, Optional.empty()), planner.plan(call("nobody", "example.com", true)));
        assertEquals(new CallPlan.Respond(480, Optional.empty()), planner.plan(call("nobody", "example.com", false)));
    }

    @Test
    void aUserWithoutBindingFollowsItsHomeRouteButNotASecondOne() {
        policies.put("bob", new UserPolicy(0, NatPolicy.AUTO, "user:carol"));
        policies.put("carol", new UserPolicy(0, NatPolicy.AUTO, "user:dave"));
        register("dave", "203.0.113.20");

        assertEquals(new CallPlan.Respond(480, Optional.empty()), planner.plan(call("bob", "example.com", true)));

        Binding carol = register("carol", "203.0.113.30");
        CallPlan.Fork fork = assertInstanceOf(CallPlan.Fork.class, planner.plan(call("bob", "example.com", true)));
        assertEquals(List.of(carol), fork.contacts());
    }

    @Test
    void failoverResumesAtTheNextRuleWithTheBindingsOfThatMoment() {
        rule("1", "user:alice", true);
        rule("1", "user:bob", true);
        register("alice", "203.0.113.10");

        CallPlan.Fork first = assertInstanceOf(CallPlan.Fork.class, planner.plan(call("100", "example.com", true)));
        Next next = first.failover().next().orElseThrow();
        assertEquals(new CallPlan.Respond(480, Optional.empty()), planner.resume(next));

        Binding bob = register("bob", "203.0.113.40");
        assertEquals(List.of(bob), assertInstanceOf(CallPlan.Fork.class, planner.resume(next)).contacts());
    }

    @Test
    void aNextHopIsResolvedForKnownCallersOnly() {
        rule("9", "hop:gw.example.net:5080;transport=tcp", false);

        assertEquals(new CallPlan.Respond(403, Optional.of("Relaying not allowed")),
                planner.plan(call("900", "example.com", false)));
        assertEquals(new CallPlan.Resolve("gw.example.net", 5080, Optional.of(Transport.TCP), "900", 503,
                Optional.empty(), new RouteChoice("rule 1", "hop:gw.example.net:5080;transport=tcp", "900")),
                planner.plan(call("900", "example.com", true)));
    }

    @Test
    void aTrunkThatIsDownFailsOverOrIsAnswered503WithItsReason() {
        rule("0", "trunk:line", true);
        rule("0", "reject:486", false);

        assertEquals(new CallPlan.Respond(486, Optional.empty()), planner.plan(call("0123", "example.com", true)));

        rules.remove(1);
        assertEquals(new CallPlan.Respond(503, Optional.of("Trunk line unavailable: down")),
                planner.plan(call("0123", "example.com", true)));

        trunks.put("line", new TrunkHop.Available("127.0.0.1", 5062, "udp", "0123"));
        assertEquals(new CallPlan.Resolve("127.0.0.1", 5062, Optional.of(Transport.UDP), "0123", 503,
                Optional.empty(), new RouteChoice("rule 1", "trunk:line", "0123")),
                planner.plan(call("0123", "example.com", true)));
    }

    @Test
    void aParallelRingGroupRingsEveryReachableMemberForItsRingTime() {
        groups.add(new RingGroup("sales", List.of("alice", "bob", "carol"), RingGroup.Strategy.PARALLEL, 20));
        rule("200", "group:sales", false);
        Binding alice = register("alice", "203.0.113.10");
        Binding carol = register("carol", "203.0.113.30");

        CallPlan.Fork fork = assertInstanceOf(CallPlan.Fork.class, planner.plan(call("200", "example.com", false)));

        assertEquals(List.of(alice, carol), fork.contacts());
        assertEquals(new Failover(Optional.empty(), Failover.Trigger.SERVER_FAILURE, 20), fork.failover());
    }

    @Test
    void aSequentialRingGroupHuntsReachableMembersOnAnyFailureThenTheRoutesFailover() {
        groups.add(new RingGroup("support", List.of("alice", "bob", "carol"), RingGroup.Strategy.SEQUENTIAL, 15));
        rule("300", "group:support", true);
        rule("300", "reject:603", false);
        Binding alice = register("alice", "203.0.113.10");
        Binding carol = register("carol", "203.0.113.30");

        CallPlan.Fork first = assertInstanceOf(CallPlan.Fork.class, planner.plan(call("300", "example.com", false)));
        assertEquals(List.of(alice), first.contacts());
        assertEquals(Failover.Trigger.ANY_FAILURE, first.failover().on());
        assertEquals(15, first.failover().ringSeconds());

        CallPlan.Fork second = assertInstanceOf(CallPlan.Fork.class, planner.resume(first.failover().next().orElseThrow()));
        assertEquals(List.of(carol), second.contacts(), "bob has no binding and is skipped");
        assertEquals(Failover.Trigger.SERVER_FAILURE, second.failover().on(), "after the last member, the route's failover");

        assertEquals(new CallPlan.Respond(603, Optional.empty()), planner.resume(second.failover().next().orElseThrow()));
    }

    @Test
    void aRingGroupWithNobodyReachableIs480AndAMissingOne404() {
        groups.add(new RingGroup("night", List.of("bob"), RingGroup.Strategy.PARALLEL, 20));
        rule("400", "group:night", false);
        rule("500", "group:ghosts", false);

        assertEquals(CallPlan.Respond.with(480, "Nobody in group night is reachable"),
                planner.plan(call("400", "example.com", false)));
        assertEquals(CallPlan.Respond.with(404, "No ring group ghosts"), planner.plan(call("500", "example.com", false)));
    }

    @Test
    void aRedirectListsWhereTheNetworkSawEachBinding() {
        rule("600", "redirect:alice", false);
        Binding alice = register("alice", "203.0.113.10");

        assertEquals(new CallPlan.Redirect("alice", List.of(alice.received())),
                planner.plan(call("600", "example.com", false)));
    }

    @Test
    void anotherDomainIsResolvedInDnsForKnownCallersWhenForeignDomainsAreAllowed() {
        assertEquals(CallPlan.Respond.with(403, "Relaying not allowed"), planner.plan(call("x", "example.org", false)));
        assertEquals(new CallPlan.Resolve("example.org", -1, Optional.empty(), "x", 404, Optional.empty(),
                new RouteChoice("other domain", "domain:example.org", "x")), planner.plan(call("x", "example.org", true)));

        CallRequest sctp = new CallRequest(true, false, Optional.of("x"), "example.org", -1, Optional.of("sctp"),
                false, true, OUTSIDE);
        assertEquals(CallPlan.Respond.with(503, "Transport sctp is not supported"), planner.plan(sctp));
        CallRequest secure = new CallRequest(true, true, Optional.of("x"), "example.org", -1, Optional.empty(),
                false, true, OUTSIDE);
        assertEquals(416, ((CallPlan.Respond) planner.plan(secure)).status());

        foreignDomains = false;
        assertEquals(CallPlan.Respond.with(403, "No route to destination"), planner.plan(call("x", "example.org", true)));
    }

    @Test
    void preloadedRoutesTelUrisAndUserlessUrisAreRefused() {
        CallRequest preloaded = new CallRequest(true, false, Optional.of("alice"), "example.com", -1,
                Optional.empty(), true, true, OUTSIDE);
        CallRequest tel = new CallRequest(false, false, Optional.empty(), "", -1, Optional.empty(), false, true,
                OUTSIDE);
        CallRequest userless = new CallRequest(true, false, Optional.empty(), "example.com", -1, Optional.empty(),
                false, true, OUTSIDE);

        assertEquals(403, ((CallPlan.Respond) planner.plan(preloaded)).status());
        assertEquals(CallPlan.Respond.with(404, "No route for tel URIs"), planner.plan(tel));
        assertEquals(CallPlan.Respond.with(404), planner.plan(userless));
    }
}
