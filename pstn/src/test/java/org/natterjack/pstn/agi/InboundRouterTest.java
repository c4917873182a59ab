package org.natterjack.pstn.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RuleSpec;

/** PSTN calls routed by their DID with the gateway's routing table. */
class InboundRouterTest {

    private static final InetAddress ASTERISK = InetAddress.getLoopbackAddress();

    private static RuleSpec rule(long id, String prefix, String source, int strip, String addPrefix, String to) {
        return new RuleSpec(id, (int) id, prefix, null, source, strip, addPrefix, null, null, to, false, "");
    }

    private static InboundRouter router(RuleSpec... rules) {
        RoutingTable table = new RoutingTable(List.of(rules).stream().map(r -> r.toRule(r.id())).toList(), List.of());
        return new InboundRouter(() -> table, ASTERISK, Q850.UNALLOCATED_NUMBER, () -> false);
    }

    private static int cause(InboundRoute route) {
        return ((InboundRoute.Reject) route).cause();
    }

    @Test
    void aDidRoutedToAUserGoesToTheGatewayAsDialled() {
        InboundRouter router = router(rule(1, "4930", null, 4, "", "user:*"));
        assertEquals(new InboundRoute.ToGateway("4930555"), router.route("4930555"),
                "the gateway applies the same rule again, so the number stays as dialled");
    }

    @Test
    void aDidRoutedToARingGroupGoesToTheGatewayAsDialled() {
        InboundRouter router = router(rule(1, "4930200", null, 0, "", "group:sales"));
        assertEquals(new InboundRoute.ToGateway("4930200"), router.route("4930200"),
                "the gateway rings the group's members");
    }

    @Test
    void anUnknownDidIsRefusedWithTheConfiguredCause() {
        assertEquals(1, cause(router(rule(1, "4930", null, 4, "", "user:*")).route("4940111")));
    }

    @Test
    void aRejectRuleBecomesItsQ850Equivalent() {
        InboundRouter router = router(rule(1, "0900", null, 0, "", "reject:403"),
                rule(2, "0800", null, 0, "", "reject:486"), rule(3, "0700", null, 0, "", "reject:404"));
        assertEquals(21, cause(router.route("09001")), "403: call rejected");
        assertEquals(17, cause(router.route("08001")), "486: user busy");
        assertEquals(1, cause(router.route("07001")), "404: unallocated number");
    }

    @Test
    void aTrunkRuleSendsTheCallOutAgainWithTheRewrittenNumber() {
        assertEquals(new InboundRoute.ToTrunk("county", "030123"),
                router(rule(1, "0049", null, 4, "0", "trunk:county")).route("004930123"));
    }

    @Test
    void rulesForOtherSourcesDoNotApply() {
        assertEquals(1, cause(router(rule(1, "4930", "192.0.2.0/24", 4, "", "user:*")).route("4930555")),
                "PSTN calls come from Asterisk, not from that network");
    }

    @Test
    void statusesRfc3398LeavesOutAreNormalUnspecified() {
        assertEquals(31, Q850.ofSipStatus(499));
        assertEquals(41, Q850.ofSipStatus(503));
    }

    @Test
    void whileTheGatewayDrainsEveryNewCallIsRefusedWithNoCircuitAvailable() {
        AtomicBoolean draining = new AtomicBoolean(true);
        RoutingTable table = new RoutingTable(List.of(rule(1, "4930", null, 4, "", "user:*").toRule(1)), List.of());
        InboundRouter router = new InboundRouter(() -> table, ASTERISK, Q850.UNALLOCATED_NUMBER, draining::get);
        assertEquals(34, cause(router.route("4930555")), "34: the network may offer the call on another route");
        assertEquals(34, cause(router.route("4940111")), "an unknown number too: nothing is routed");
        draining.set(false);
        assertEquals(new InboundRoute.ToGateway("4930555"), router.route("4930555"), "routed again after admit()");
    }
}
