package org.natterjack.pstn.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.asteriskjava.manager.action.PingAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.Direction;
import org.natterjack.pstn.calls.EndedCall;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.SpanState;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.pstn.trunk.Span;

/**
 * The AMI link against a fake manager interface: recorded event text goes through asterisk-java's parser and
 * our own event classes into the span monitor and the call model; a dropped or silent link is reconnected.
 */
class AmiLinkTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private FakeAmi ami;
    private AmiLink link;
    private final CallModel calls = new CallModel(Clock.systemUTC());
    private final SpanMonitor spans = new SpanMonitor();
    private final Span e1 = Plans.e1(1, "city", 1);
    private final Span t1 = Plans.t1(2, "county", 32);

    @BeforeEach
    void connect() throws Exception {
        ami = new FakeAmi();
        ami.answer(action -> switch (action.get("action").toLowerCase()) {
            case "dahdishowchannels" -> dahdiChannels();
            case "prishowspans" -> "EventList: start\n\nEvent: PRIShowSpans\nActionID: {id}\nSpan: 1\nDChannel: 016\n"
                    + "Order: Primary\nActive: Yes\nAlive: Yes\nUp: Yes\n\nEvent: PRIShowSpans\nActionID: {id}\n"
                    + "Span: 2\nDChannel: 055\nOrder: Primary\nActive: Yes\nAlive: Yes\nUp: Yes\n\n"
                    + "Event: PRIShowSpansComplete\nActionID: {id}\nListItems: 2\n\n";
            case "coreshowchannels" -> "EventList: start\n\nEvent: CoreShowChannelsComplete\nActionID: {id}\n"
                    + "ListItems: 0\n\n";
            default -> "";
        });
        AmiPoll poll = new AmiPoll(calls, spans, Plans::appliance, Clock.systemUTC());
        link = new AmiLink("127.0.0.1", ami.port(), "natterjack", "secret", TIMEOUT, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Clock.systemUTC(), new AmiEvents(calls, spans, poll, Clock.systemUTC()));
        link.start();
        await("logged in and polled", () -> link.state().up() && spans.status(e1).state() == SpanState.UP);
    }

    private static String dahdiChannels() {
        StringBuilder events = new StringBuilder("EventList: start\n\n");
        for (int c = 1; c <= 59; c++) {
            events.append("Event: DAHDIShowChannels\nActionID: {id}\nDAHDIChannel: ").append(c)
                    .append("\nSignalling: ISDN PRI\nSignallingCode: 0\nContext: from-pstn\nDND: Disabled\n")
                    .append("Alarm: No Alarm\nDescription: \n\n");
        }
        return events.append("Event: DAHDIShowChannelsComplete\nActionID: {id}\nItems: 59\n\n").toString();
    }

    @AfterEach
    void close() throws Exception {
        link.close();
        ami.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("not within 5 s: " + what);
    }

    private void sendRecorded(String resource) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/ami", resource));
        for (String event : text.split("\n\n")) {
            ami.send(event);
        }
    }

    @Test
    void logsInWithTheEventMaskAndPollsSpans() {
        Map<String, String> login = ami.actions().stream()
                .filter(a -> "login".equalsIgnoreCase(a.get("action"))).findFirst().orElseThrow();
        assertEquals("system,call", login.get("events"));
        assertEquals("natterjack", login.get("username"));
        assertEquals(SpanState.UP, spans.status(t1).state());
    }

    @Test
    void recordedAlarmEventsChangeSpanStates() throws Exception {
        String[] events = Files.readString(Path.of("src/test/resources/ami/alarms.txt")).split("\n\n");
        ami.send(events[0]);
        await("span 1 in red alarm", () -> spans.status(e1).state() == SpanState.ALARM);
        assertEquals("Red Alarm", spans.status(e1).detail());
        ami.send(events[1]);
        ami.send(events[2]);
        await("span 1 alarm cleared", () -> spans.status(e1).state() == SpanState.UP);
        assertEquals(SpanState.UP, spans.status(t1).state(), "one channel of span 2 in alarm: the span still works");
        ami.send(events[3]);
    }

    @Test
    void recordedChannelEventsMakeACallThatEndsWithItsCause() throws Exception {
        sendRecorded("outbound-call.txt");
        await("call ended", () -> !calls.recent().isEmpty());
        EndedCall ended = calls.recent().get(0);
        assertEquals("1714557600.8", ended.call().id());
        assertEquals(Direction.OUTBOUND, ended.call().direction());
        assertEquals("lab", ended.call().trunk());
        assertEquals("0301234567", ended.call().number());
        assertEquals("ANSWER", ended.call().dialStatus());
        assertTrue(ended.call().answered().isPresent());
        assertEquals(16, ended.cause());
    }

    @Test
    void aDroppedLinkIsReportedAndLoggedInAgain() throws Exception {
        int logins = logins();
        ami.drop();
        await("down", () -> !link.state().up());
        assertEquals("connection lost", link.state().reason());
        assertEquals(SpanState.UNKNOWN, spans.status(e1).state());
        await("up again", () -> link.state().up() && logins() == logins + 1);
        await("resynchronised", () -> spans.status(e1).state() == SpanState.UP);
    }

    @Test
    void aLinkThatStopsAnsweringPingsIsReconnected() throws Exception {
        int logins = logins();
        ami.answerPings(false);
        link.check();
        assertTrue(ami.actions().stream().anyMatch(a -> "ping".equalsIgnoreCase(a.get("action"))));
        await("down", () -> !link.state().up() || logins() > logins);
        ami.answerPings(true);
        await("up again", () -> link.state().up() && logins() == logins + 1);
    }

    @Test
    void actionsFailFastWhileDown() throws Exception {
        ami.close();
        await("down", () -> !link.state().up());
        AmiException e = assertThrows(AmiException.class, () -> link.send(new PingAction()));
        assertTrue(e.getMessage().startsWith("Asterisk is not connected"), e.getMessage());
    }

    private int logins() {
        return (int) ami.actions().stream().filter(a -> "login".equalsIgnoreCase(a.get("action"))).count();
    }
}
