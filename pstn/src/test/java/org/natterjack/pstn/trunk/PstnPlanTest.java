package org.natterjack.pstn.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PstnPlanTest {

    private static String refusal(Runnable change) {
        return assertThrows(IllegalArgumentException.class, change::run).getMessage();
    }

    @Test
    void e1SpanSplitsItsChannelsAroundTheDChannel() {
        Span e1 = Plans.e1(1, "city", 1);
        assertEquals("1-15,17-31", e1.bearerChannels());
        assertEquals(16, e1.dchannel().getAsInt());
        Span t1 = Plans.t1(2, "county", 32);
        assertEquals("32-54", t1.bearerChannels(), "a T1's D-channel is its last, 55");
        assertEquals("56-59", Plans.fxo(3, "county", 56, 4).bearerChannels());
    }

    @Test
    void inboundNumbersAreTelephoneNumbersTheDialplanCanMatch() {
        assertEquals("4930123400", Plans.appliance().trunk("village").orElseThrow().inboundNumber().orElseThrow());
        assertTrue(refusal(() -> new Trunk("fxo", TrunkType.DAHDI, 3, Optional.empty(),
                Presentation.ALLOWED, Optional.empty(), Optional.empty(),
                Optional.of("7"), "")).contains("at least two digits"), "one digit: _[+0-9*#]. misses it");
        assertTrue(refusal(() -> new Trunk("fxo", TrunkType.DAHDI, 3, Optional.empty(),
                Presentation.ALLOWED, Optional.empty(), Optional.empty(),
                Optional.of("s"), "")).contains("not a telephone number"));
    }

    @Test
    void nextSpanStartsAfterTheLastChannel() {
        assertEquals(60, Plans.appliance().nextFreeChannel());
        assertEquals(1, PstnPlan.empty().nextFreeChannel());
    }

    @Test
    void failoverChainFollowsTrunksInOrder() {
        assertEquals(List.of("city", "county"),
                Plans.appliance().failoverChain("city").stream().map(Trunk::name).toList());
        assertTrue(Plans.appliance().failoverChain("nowhere").isEmpty());
    }

    @Test
    void refusesFailoverLoopsAndUnknownFailovers() {
        assertTrue(refusal(() -> PstnPlan.empty().withTrunk(Plans.dahdi("x", 1, "nowhere"))).contains("does not exist"));
        assertTrue(refusal(() -> new PstnPlan(List.of(Plans.dahdi("a", 1, "b"), Plans.dahdi("b", 2, "a")), List.of()))
                .contains("loops back"));
        PstnPlan ab = PstnPlan.empty().withTrunk(Plans.dahdi("b", 2, null)).withTrunk(Plans.dahdi("a", 1, "b"));
        assertTrue(refusal(() -> ab.withoutTrunk("b")).contains("fails over to b"));
        assertEquals(List.of("b"), ab.withoutTrunk("a").trunks().stream().map(Trunk::name).toList());
    }

    @Test
    void refusesOverlappingChannelsDuplicateSpansAndSpansOfSipPeers() {
        PstnPlan plan = Plans.appliance();
        assertTrue(refusal(() -> plan.withSpan(Plans.e1(4, "city", 50))).contains("overlap span"));
        assertTrue(refusal(() -> plan.withSpan(Plans.e1(1, "city", 100))).contains("exists already"));
        assertTrue(refusal(() -> plan.withSpan(Plans.e1(4, "lab", 100))).contains("not a dahdi trunk"));
        assertTrue(refusal(() -> plan.withSpan(Plans.e1(4, "ghost", 100))).contains("does not exist"));
        assertTrue(refusal(() -> plan.withoutTrunk("city")).contains("still has span"));
    }

    @Test
    void spanSettingsMustFitTheLineType() {
        assertTrue(refusal(() -> new Span(1, "t", LineType.T1, 1, 24, 1, 0, "ccs", "b8zs", false, "pri_cpe",
                "national", "mg2")).contains("framing 'ccs'"));
        assertTrue(refusal(() -> new Span(1, "t", LineType.T1, 1, 24, 1, 0, "esf", "b8zs", true, "pri_cpe",
                "national", "mg2")).contains("CRC-4"));
        assertTrue(refusal(() -> new Span(1, "t", LineType.FXO, 1, 4, 0, 0, "", "", false, "pri_cpe",
                "", "mg2")).contains("signalling"));
        assertTrue(refusal(() -> new Span(1, "t", LineType.E1, 1, 30, 1, 0, "ccs", "hdb3", true, "pri_cpe",
                "euroisdn", "mg2")).contains("31 channels"));
        assertTrue(refusal(() -> new Span(1, "t", LineType.E1, 1, 31, 1, 9, "ccs", "hdb3", true, "pri_cpe",
                "euroisdn", "mg2")).contains("build-out"));
    }

    @Test
    void trunkNamesAndCallerIdsAreChecked() {
        assertTrue(refusal(() -> Plans.dahdi("City", 1, null)).contains("lower-case"));
        assertTrue(refusal(() -> Plans.dahdi("a", 64, null)).contains("0-63"));
        assertTrue(refusal(() -> Plans.dahdi("a", 1, "a")).contains("itself"));
        assertTrue(refusal(() -> Plans.sipPeer("lab", "lab.example:5060")).contains("IP:PORT"));
        assertEquals("[::1]:5062", Trunk.Peer.parse("[::1]:5062").toString());
    }
}
