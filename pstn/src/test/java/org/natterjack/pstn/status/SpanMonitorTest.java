package org.natterjack.pstn.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.pstn.trunk.Span;

class SpanMonitorTest {

    private final SpanMonitor monitor = new SpanMonitor();
    private final Span e1 = Plans.e1(1, "city", 1);

    private static List<ChannelPoll> channels(int first, int last, String alarm) {
        List<ChannelPoll> list = new ArrayList<>();
        for (int c = first; c <= last; c++) {
            list.add(new ChannelPoll(c, alarm));
        }
        return list;
    }

    @Test
    void unknownUntilConnectedAndPolled() {
        assertEquals(SpanState.UNKNOWN, monitor.status(e1).state());
        monitor.linkUp();
        assertEquals(new SpanStatus(1, "city", SpanState.UNKNOWN, "not polled yet"), monitor.status(e1));
    }

    @Test
    void noChannelsOrNoChanDahdiMeansNoHardware() {
        monitor.linkUp();
        monitor.polled(List.of(), List.of());
        assertEquals(SpanState.NO_HARDWARE, monitor.status(e1).state());
        assertEquals("no DAHDI hardware (Asterisk has no DAHDI channels)", monitor.status(e1).detail());
        monitor.pollFailed("chan_dahdi does not answer: DAHDIShowChannels failed: Invalid/unknown command");
        assertEquals(SpanState.NO_HARDWARE, monitor.status(e1).state());
    }

    @Test
    void upWhenChannelsArePresentAndTheDChannelIsUp() {
        monitor.linkUp();
        monitor.polled(channels(1, 31, "No Alarm"), List.of(new PriPoll(1, true)));
        assertEquals(SpanState.UP, monitor.status(e1).state());
        monitor.polled(channels(1, 31, "No Alarm"), List.of(new PriPoll(1, false)));
        assertEquals(new SpanStatus(1, "city", SpanState.DOWN, "ISDN D-channel is down"), monitor.status(e1));
    }

    @Test
    void spanAlarmEventsWinUntilCleared() {
        monitor.linkUp();
        monitor.polled(channels(1, 31, "No Alarm"), List.of(new PriPoll(1, true)));
        monitor.spanAlarm(1, "Red Alarm");
        assertEquals(new SpanStatus(1, "city", SpanState.ALARM, "Red Alarm"), monitor.status(e1));
        monitor.spanAlarmCleared(1);
        assertEquals(SpanState.UP, monitor.status(e1).state());
    }

    @Test
    void aSpanIsInAlarmWhenAllItsBearerChannelsAre() {
        monitor.linkUp();
        monitor.polled(channels(1, 31, "Red Alarm"), List.of());
        assertEquals(new SpanStatus(1, "city", SpanState.ALARM, "Red Alarm"), monitor.status(e1));
        monitor.polled(channels(1, 31, "No Alarm"), List.of());
        monitor.channelAlarm(3, "Yellow Alarm");
        assertEquals(SpanState.UP, monitor.status(e1).state(), "one channel in alarm does not take the span down");
    }

    @Test
    void otherSpansChannelsDoNotCount() {
        monitor.linkUp();
        monitor.polled(channels(32, 54, "No Alarm"), List.of());
        assertEquals(SpanState.NO_HARDWARE, monitor.status(e1).state());
    }

    @Test
    void linkDownMakesEverySpanUnknownWithTheReason() {
        monitor.linkUp();
        monitor.polled(channels(1, 31, "No Alarm"), List.of(new PriPoll(1, true)));
        monitor.linkDown("connection lost");
        assertEquals(new SpanStatus(1, "city", SpanState.UNKNOWN, "Asterisk is not connected (connection lost)"),
                monitor.status(e1));
    }
}
