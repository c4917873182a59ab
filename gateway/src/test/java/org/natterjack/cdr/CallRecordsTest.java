package org.natterjack.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.location.NodeId;

class CallRecordsTest {

    /** A store that keeps what it is given, or refuses while it is down. */
    private static final class Sink implements CallRecordSink {
        final List<CallRecord> saved = new ArrayList<>();
        boolean down;

        @Override
        public void save(List<CallRecord> records) {
            if (down) {
                throw new IllegalStateException("database is locked");
            }
            saved.addAll(records);
        }
    }

    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Sink sink = new Sink();
    private final StepClock clock = new StepClock();
    private final CallRecords records = new CallRecords(sink, NodeId.LOCAL, clock);

    @Test
    void anAnsweredCallEndsWithTheFirstByeAndNamesWhoSentIt() {
        OpenCall call = records.open("c1@host", "alice", "tag-a", "100");
        call.routed("rule 4", "user:bob", "bob");
        call.parties(true, false);
        clock.now = clock.now.plusSeconds(2);
        call.responded(200, "OK", Optional.empty(), false);
        clock.now = clock.now.plusSeconds(30);
        records.bye("c1@host", "tag-b", Optional.of(16));
        records.bye("c1@host", "tag-a", Optional.empty());
        records.flush();

        assertEquals(1, sink.saved.size());
        CallRecord r = sink.saved.get(0);
        assertEquals(Outcome.ANSWERED, r.outcome());
        assertEquals(Optional.of(HungUpBy.CALLEE), r.hungUpBy());
        assertEquals(Duration.ofSeconds(30), r.duration());
        assertEquals(new CallRoute("100", "bob", "rule 4", "user:bob"), r.route());
        assertEquals(Optional.of(16), r.q850());
        assertTrue(r.media().callerNated());
        assertFalse(r.media().relayed());
        assertEquals(0, records.openCalls());
    }

    @Test
    void aRefusedCallEndsWithItsFinalResponse() {
        OpenCall call = records.open("c2", "alice", "t", "200");
        call.responded(486, "Busy Here", Optional.of(17), false);
        records.flush();
        CallRecord r = sink.saved.get(0);
        assertEquals(Outcome.BUSY, r.outcome());
        assertEquals(486, r.status());
        assertEquals(Optional.of(17), r.q850());
        assertEquals(Optional.empty(), r.hungUpBy());
        assertEquals(Duration.ZERO, r.duration());
    }

    @Test
    void aCancelledCallIsCancelledAndASpiralIsNoSecondCall() {
        OpenCall call = records.open("c3", "alice", "t", "300");
        assertSame(OpenCall.NOT_A_CALL, records.open("c3", "alice", "t", "300"));
        call.responded(487, "Request Terminated", Optional.empty(), true);
        records.flush();
        assertEquals(List.of(Outcome.CANCELLED), sink.saved.stream().map(CallRecord::outcome).toList());
    }

    @Test
    void whatTheStoreRefusesIsKeptAndWrittenOnceItIsBack() {
        sink.down = true;
        for (int i = 0; i < 3; i++) {
            records.open("c" + i, "alice", "t", "1").responded(480, "Temporarily Unavailable", Optional.empty(),
                    false);
        }
        records.flush();
        assertEquals(3, records.queued());
        assertTrue(records.failure().isPresent());
        sink.down = false;
        records.flush();
        assertEquals(List.of("c0", "c1", "c2"), sink.saved.stream().map(CallRecord::callId).toList(),
                "in the order the calls ended");
        assertEquals(0, records.queued());
        assertTrue(records.failure().isEmpty());
    }

    @Test
    void theGatewayEndingACallIsRecordedAsSuch() {
        records.open("c4", "alice", "t", "1").responded(200, "OK", Optional.empty(), false);
        records.endedByGateway("c4");
        records.flush();
        assertEquals(Optional.of(HungUpBy.GATEWAY), sink.saved.get(0).hungUpBy());
    }

    @Test
    void aCallWhoseByeWentAroundTheProxyIsEndedADayLater() {
        records.open("c5", "alice", "t", "1").responded(200, "OK", Optional.empty(), false);
        clock.now = clock.now.plus(CallRecords.ANSWERED_LIMIT).minusSeconds(1);
        records.sweep();
        assertEquals(1, records.openCalls());
        clock.now = clock.now.plusSeconds(2);
        records.sweep();
        records.flush();
        assertEquals(Optional.of(HungUpBy.UNKNOWN), sink.saved.get(0).hungUpBy());
    }
}
