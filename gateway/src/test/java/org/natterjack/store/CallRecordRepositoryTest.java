package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.cdr.CallMedia;
import org.natterjack.cdr.CallQuery;
import org.natterjack.cdr.CallRecord;
import org.natterjack.cdr.CallRoute;
import org.natterjack.cdr.HungUpBy;
import org.natterjack.cdr.Outcome;
import org.natterjack.cdr.StreamQuality;
import org.natterjack.cdr.VoiceQuality;

class CallRecordRepositoryTest extends StoreTestBase {


    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123Z");

    private static CallRecord answered(String callId, Instant started, String caller, String dialled,
                                       Optional<VoiceQuality> quality) {
        return new CallRecord(callId, started, Optional.of(started.plusSeconds(3)), started.plusSeconds(63), caller,
                new CallRoute(dialled, "0" + dialled, "rule 7", "trunk:pstn"), 200, "OK", Optional.of(16),
                Outcome.ANSWERED, Optional.of(HungUpBy.CALLER), new CallMedia(true, false, quality.isPresent(),
                quality.map(q -> "203.0.113.5:4000"), Optional.empty(), quality), "node-a");
    }

    private static CallRecord busy(String callId, Instant started) {
        return new CallRecord(callId, started, Optional.empty(), started.plusSeconds(4), "carol",
                new CallRoute("200", "200", "local user", "user:200"), 486, "Busy Here", Optional.empty(),
                Outcome.BUSY, Optional.empty(), CallMedia.direct(false, false), "node-b");
    }

    private static final VoiceQuality GOOD = new VoiceQuality(new StreamQuality(3000, 0.5, 2.25),
            new StreamQuality(2990, 0, 1.5), Optional.of(4.31), false);
    private static final VoiceQuality ONE_WAY = new VoiceQuality(new StreamQuality(3000, 0, 1),
            StreamQuality.SILENT, Optional.of(4.4), true);

    @Test
    void aRecordReadsBackAsItWasWritten() {
        CallRecordRepository repo = new CallRecordRepository(open());
        CallRecord r = answered("a@h", T0, "alice", "555123", Optional.of(GOOD));
        CallRecord b = busy("b@h", T0.plusSeconds(10));
        repo.save(List.of(r, b));
        assertEquals(List.of(b, r), repo.search(CallQuery.latest(10)), "newest first");
        assertEquals(Optional.of(r), repo.find("a@h"));
    }

    @Test
    void searchesCombineTimeNumberUserOutcomeAndQuality() {
        CallRecordRepository repo = new CallRecordRepository(open());
        repo.save(List.of(answered("1", T0, "alice", "555123", Optional.of(GOOD)),
                answered("2", T0.plusSeconds(60), "bob", "555999", Optional.of(ONE_WAY)),
                busy("3", T0.plusSeconds(120)),
                answered("4", T0.plusSeconds(180), "50%_x", "777", Optional.empty())));
        assertEquals(List.of("2", "1"), ids(repo, query(Optional.empty(), Optional.empty(), "555", null, null, false)));
        assertEquals(List.of("3"), ids(repo, query(Optional.empty(), Optional.empty(), null, "carol", null, false)));
        assertEquals(List.of("3"), ids(repo, query(Optional.empty(), Optional.empty(), null, null, Outcome.BUSY,
                false)));
        assertEquals(List.of("2"), ids(repo, query(Optional.empty(), Optional.empty(), null, null, null, true)));
        assertEquals(List.of("3", "2"), ids(repo, query(Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plusSeconds(180)), null, null, null, false)), "from inclusive, to exclusive");
        assertEquals(List.of("4"), ids(repo, query(Optional.empty(), Optional.empty(), "0%_", null, null, false)),
                "LIKE's wildcards are taken literally");
    }

    @Test
    void purgingRemovesTheOldAndThenTheOldestBeyondTheCount() {
        CallRecordRepository repo = new CallRecordRepository(open());
        for (int i = 0; i < 10; i++) {
            repo.save(List.of(busy("c" + i, T0.plusSeconds(i))));
        }
        assertEquals(2, repo.purge(T0.plusSeconds(2), 100));
        assertEquals(3, repo.purge(T0, 5));
        assertEquals(List.of("c9", "c8", "c7", "c6", "c5"), ids(repo, CallQuery.latest(100)));
    }

    private static CallQuery query(Optional<Instant> from, Optional<Instant> to, String number, String user,
                                   Outcome outcome, boolean poor) {
        return new CallQuery(from, to, Optional.ofNullable(number), Optional.ofNullable(user),
                Optional.ofNullable(outcome), poor, 100);
    }

    private static List<String> ids(CallRecordRepository repo, CallQuery query) {
        return repo.search(query).stream().map(CallRecord::callId).toList();
    }
}
