package org.natterjack.pstn.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The call model fed the channel events of typical calls, as Asterisk 22 emits them. */
class CallModelTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private final CallModel model = new CallModel(Clock.fixed(T0, ZoneOffset.UTC));

    private static PstnChannel channel(String id, String name, String linked, String context, String exten,
                                       String trunk) {
        return new PstnChannel(id, name, linked, context, exten, "alice", "Ring", T0, Optional.ofNullable(trunk));
    }

    @Test
    void outboundCallTakesTrunkAndNumberFromTheRequestUriAndEndsWithTheCallingLegsCause() {
        model.channelCreated(channel("1.1", "PJSIP/gateway-00000001", "1.1", "from-gateway", "city-0301234", null));
        assertEquals(List.of(new PstnCall("1.1", Direction.OUTBOUND, "city", "0301234", "alice", T0,
                Optional.empty(), "", List.of("PJSIP/gateway-00000001"))), model.active());

        model.channelCreated(channel("1.2", "DAHDI/i1/0301234-1", "1.1", "nj-trunk-city", "s", "city"));
        model.hungUp("1.2", 34, "Circuit/channel congestion");
        model.channelCreated(channel("1.3", "DAHDI/i2/0301234-2", "1.1", "nj-trunk-county", "s", "county"));
        model.channelState("1.3", "Up");
        model.dialEnded("1.1", "ANSWER");
        PstnCall up = model.active().get(0);
        assertEquals("county", up.trunk(), "failed over to county: the trunk finally dialled counts");
        assertTrue(up.answered().isPresent());
        assertEquals("ANSWER", up.dialStatus());

        model.hungUp("1.3", 16, "Normal Clearing");
        model.hungUp("1.1", 16, "Normal Clearing");
        assertTrue(model.active().isEmpty());
        EndedCall ended = model.recent().get(0);
        assertEquals(16, ended.cause(), "the congested first attempt does not count");
        assertEquals("Normal Clearing", ended.causeText());
        assertEquals("county", ended.call().trunk());
    }

    @Test
    void inboundCallRejectedBeforeAnyDialHasOneChannel() {
        model.channelCreated(channel("2.1", "PJSIP/trunk-lab-0000000a", "2.1", "from-pstn", "999", "lab"));
        PstnCall call = model.active().get(0);
        assertEquals(Direction.INBOUND, call.direction());
        assertEquals("lab", call.trunk());
        assertEquals("999", call.number());
        model.hungUp("2.1", 1, "Unallocated (unassigned) number");
        assertEquals(1, model.recent().get(0).cause());
        assertTrue(model.recent().get(0).call().answered().isEmpty());
    }

    @Test
    void resyncEndsCallsWhoseChannelsVanishedAndAddsUnknownOnes() {
        model.channelCreated(channel("3.1", "PJSIP/gateway-00000003", "3.1", "from-gateway", "lab-1", null));
        model.resync(List.of(channel("4.1", "PJSIP/trunk-lab-0000000b", "4.1", "from-pstn", "4930555", "lab")));
        assertEquals(List.of("4.1"), model.active().stream().map(PstnCall::id).toList());
        EndedCall lost = model.recent().get(0);
        assertEquals("3.1", lost.call().id());
        assertEquals(0, lost.cause(), "ended while the link was down: no cause known");
    }

    @Test
    void eventsForUnknownChannelsAreIgnored() {
        model.channelState("9.9", "Up");
        model.hungUp("9.9", 16, "Normal Clearing");
        model.bridged("9.9");
        assertTrue(model.active().isEmpty());
        assertTrue(model.recent().isEmpty());
    }
}
