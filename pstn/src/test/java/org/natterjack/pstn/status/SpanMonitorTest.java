package org.natterjack.pstn.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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

    private static final Instant STARTED = Instant.parse("2026-11-21T06:00:00Z");

    private List<ILoggingEvent> restartWarnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(SpanMonitor.class)).addAppender(appender);
        return appender.list;
    }

    @Test
    void aLayoutChangedAfterAsteriskStartedNeedsARestartLoggedOnce() {
        List<ILoggingEvent> log = restartWarnings();
        monitor.linkUp();
        monitor.polled(channels(1, 31, "No Alarm"), List.of(new PriPoll(1, true)));
        monitor.asteriskStarted(STARTED);
        monitor.layoutChanged(List.of(1), STARTED.plusSeconds(60));
        SpanStatus status = monitor.status(e1);
        assertEquals(SpanState.UP, status.state(), "Asterisk still runs the span as it was");
        assertTrue(status.restartNeeded());
        assertTrue(status.detail().startsWith("restart needed"), status.detail());
        monitor.linkDown("connection lost");
        assertFalse(monitor.status(e1).restartNeeded(), "not known while Asterisk is not connected");
        monitor.linkUp();
        monitor.asteriskStarted(STARTED);
        assertTrue(monitor.status(e1).restartNeeded(), "the same Asterisk is back: still needed");
        assertEquals(1, log.stream().filter(e -> e.getFormattedMessage().contains("restart Asterisk")).count(),
                "logged once: " + log);
        monitor.asteriskStarted(STARTED.plusSeconds(120));
        assertFalse(monitor.status(e1).restartNeeded(), "Asterisk restarted after the change");
    }

    @Test
    void aLayoutChangedBeforeAsteriskStartedNeedsNothing() {
        List<ILoggingEvent> log = restartWarnings();
        monitor.layoutChanged(List.of(1), STARTED.minusSeconds(5));
        monitor.linkUp();
        monitor.asteriskStarted(STARTED);
        assertFalse(monitor.status(e1).restartNeeded(), "written before Asterisk started, as at boot");
        assertTrue(log.isEmpty(), log.toString());
    }
}
