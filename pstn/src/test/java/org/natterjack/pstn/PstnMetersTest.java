package org.natterjack.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.PstnChannel;

class PstnMetersTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static PstnChannel channel(String id, String linked, String context, String exten) {
        return new PstnChannel(id, "PJSIP/x-" + id, linked, context, exten, "alice", "Ring", T0, Optional.empty());
    }

    @Test
    void everyEndedCallCountsByDirectionAndAnswer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallModel model = new CallModel(Clock.fixed(T0, ZoneOffset.UTC), PstnMeters.callCounter(registry));
        assertEquals(0, count(registry, "outbound", "answered"), "the series exist before the first call");

        model.channelCreated(channel("1.1", "1.1", "from-gateway", "city-0301234"));
        model.channelCreated(channel("1.2", "1.1", "nj-trunk-city", "s"));
        model.channelState("1.2", "Up");
        model.hungUp("1.2", 16, "Normal Clearing");
        model.hungUp("1.1", 16, "Normal Clearing");
        model.channelCreated(channel("2.1", "2.1", "from-pstn", "999"));
        model.hungUp("2.1", 1, "Unallocated (unassigned) number");

        assertEquals(1, count(registry, "outbound", "answered"));
        assertEquals(1, count(registry, "inbound", "unanswered"));
        assertEquals(0, count(registry, "inbound", "answered"));
    }

    private static double count(SimpleMeterRegistry registry, String direction, String result) {
        return registry.get("natterjack.pstn.calls").tag("direction", direction).tag("result", result).counter()
                .count();
    }
}
