package org.natterjack.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.status.ChannelPoll;
import org.natterjack.pstn.status.PriPoll;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.routing.TrunkHop;

/** Where the proxy sends calls for trunk:NAME routes, and why it refuses them. */
class PstnTrunksTest {

    private final AtomicReference<LinkState> link = new AtomicReference<>(LinkState.up(Instant.EPOCH));
    private final SpanMonitor spans = new SpanMonitor();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final PstnTrunks trunks = new PstnTrunks(PstnSettings.defaults(),
            new TrunkStates(Plans::appliance, link::get, spans, draining::get));

    private void cityUp() {
        List<ChannelPoll> channels = new ArrayList<>();
        for (int c = 1; c <= 59; c++) {
            channels.add(new ChannelPoll(c, "No Alarm"));
        }
        spans.linkUp();
        spans.polled(channels, List.of(new PriPoll(1, true), new PriPoll(2, true)));
    }

    @Test
    void anAvailableTrunkIsReachedAtAsteriskWithTheTrunkBeforeTheNumber() {
        cityUp();
        assertEquals(new TrunkHop.Available("127.0.0.1", 5080, "udp", "city-0301234"), trunks.resolve("city", "0301234"));
        assertEquals(new TrunkHop.Available("127.0.0.1", 5080, "udp", "lab-+4930555"), trunks.resolve("lab", "+4930555"));
    }

    @Test
    void aTrunkInAlarmFailsOverToItsFailoverTrunk() {
        cityUp();
        spans.spanAlarm(1, "Red Alarm");
        assertEquals(new TrunkHop.Available("127.0.0.1", 5080, "udp", "county-0301234"),
                trunks.resolve("city", "0301234"));
    }

    @Test
    void withoutHardwareEveryDahdiTrunkIsDownAndTheReasonsSaySo() {
        spans.linkUp();
        spans.polled(List.of(), List.of());
        assertEquals(new TrunkHop.Unavailable("city: span 1 no hardware: no DAHDI hardware (Asterisk has no DAHDI"
                + " channels); county: span 2 no hardware: no DAHDI hardware (Asterisk has no DAHDI channels)"),
                trunks.resolve("city", "0301234"));
    }

    @Test
    void whileAsteriskIsDownNoTrunkIsAvailable() {
        link.set(LinkState.down("cannot connect: Connection refused", Instant.EPOCH));
        assertEquals(new TrunkHop.Unavailable("Asterisk is not connected (cannot connect: Connection refused)"),
                trunks.resolve("lab", "0301234"));
    }

    @Test
    void anUnknownTrunkIsUnavailable() {
        assertEquals(new TrunkHop.Unavailable("no trunk nowhere is configured"), trunks.resolve("nowhere", "1"));
    }

    @Test
    void everyTrunkIsBusiedOutWhileTheGatewayDrains() {
        cityUp();
        draining.set(true);
        assertEquals(new TrunkHop.Unavailable("busied out: draining for an upgrade"), trunks.resolve("lab", "1"));
        assertEquals(new TrunkHop.Unavailable("city: busied out: draining for an upgrade; county: busied out:"
                + " draining for an upgrade"), trunks.resolve("city", "1"), "its failover trunk too");
        draining.set(false);
        assertEquals(new TrunkHop.Available("127.0.0.1", 5080, "udp", "lab-1"), trunks.resolve("lab", "1"),
                "back when admission opens again");
    }
}
