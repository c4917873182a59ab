package org.natterjack.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.location.NodeId;
import org.natterjack.store.AlarmRepository;
import org.natterjack.store.Store;
import org.natterjack.testing.MutableClock;

/** Raising, updating and clearing alarms, kept in a real store across a restart. */
class AlarmBoardTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private Store store;
    private AlarmBoard board;

    @BeforeEach
    void open() {
        store = Store.open(dir);
        board = new AlarmBoard(new AlarmRepository(store, NodeId.LOCAL), clock);
    }

    @Test
    void aConditionIsActiveOnceAndItsHistoryKeepsRaisingAndClearing() {
        board.raise("relay-ports.0.0.0.0", Severity.MAJOR, "12 of 500 pairs free");
        clock.advance(Duration.ofSeconds(10));
        board.raise("relay-ports.0.0.0.0", Severity.MAJOR, "8 of 500 pairs free");
        board.raise("relay-ports.0.0.0.0", Severity.CRITICAL, "0 of 500 pairs free");
        board.raise("disk", Severity.MAJOR, "200 MiB free");

        List<Alarm> active = board.active();
        assertEquals(List.of("relay-ports.0.0.0.0", "disk"), active.stream().map(Alarm::condition).toList(),
                "most severe first");
        assertEquals("0 of 500 pairs free", active.get(0).text());
        assertEquals(1, board.activeOf(Severity.CRITICAL));
        assertEquals(2, board.history(10).size(), "one row per raising, updated in place");

        clock.advance(Duration.ofSeconds(10));
        board.clear("relay-ports.0.0.0.0");
        board.clear("relay-ports.0.0.0.0");
        board.raise("relay-ports.0.0.0.0", Severity.MAJOR, "40 of 500 pairs free");

        List<Alarm> history = board.history(10);
        assertEquals(3, history.size(), "a new raising after the clearing: " + history);
        Alarm first = history.get(2);
        assertEquals("relay-ports.0.0.0.0", first.condition());
        assertEquals(Severity.CRITICAL, first.severity());
        assertEquals(first.raised().plusSeconds(20), first.cleared().orElseThrow());
        assertTrue(history.get(0).active());
    }

    @Test
    void whatAPreviousRunLeftActiveIsClearedAtTheNextStart() {
        board.raise("store", Severity.CRITICAL, "cannot write bindings");

        AlarmBoard restarted = new AlarmBoard(new AlarmRepository(store, NodeId.LOCAL), clock);

        assertTrue(restarted.active().isEmpty(), "checked afresh by the new run");
        assertTrue(restarted.history(1).get(0).cleared().isPresent());
    }

    @Test
    void setRaisesWhileWrongAndClearsOtherwise() {
        board.set("overload", true, Severity.MAJOR, "3 calls refused");
        assertEquals(1, board.active().size());
        board.set("overload", false, Severity.MAJOR, "");
        assertTrue(board.active().isEmpty());
    }
}
