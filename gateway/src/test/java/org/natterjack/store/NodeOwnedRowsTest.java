package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.alarms.Alarm;
import org.natterjack.alarms.Severity;
import org.natterjack.location.NodeId;

/** Rows that belong to one node of a shared store: plug-in switches and alarms. */
class NodeOwnedRowsTest extends StoreTestBase {

    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void eachNodeKeepsItsOwnSwitchOfAPlugIn() {
        Store store = open();
        new SwitchRepository(store, A).save("pstn", new SwitchChoice(true, "alice", T0));
        new SwitchRepository(store, B).save("pstn", new SwitchChoice(false, "bob", T0.plusSeconds(1)));
        new SwitchRepository(store, A).save("pstn", new SwitchChoice(false, "carol", T0.plusSeconds(2)));

        assertEquals(Optional.of(new SwitchChoice(false, "carol", T0.plusSeconds(2))),
                new SwitchRepository(open(), A).choice("pstn"));
        assertEquals(Optional.of(new SwitchChoice(false, "bob", T0.plusSeconds(1))),
                new SwitchRepository(open(), B).choice("pstn"));
        assertEquals(Optional.empty(), new SwitchRepository(open(), NodeId.LOCAL).choice("pstn"));
    }

    @Test
    void aNodeStartingClearsOnlyItsOwnLeftOverAlarms() {
        Store store = open();
        AlarmRepository a = new AlarmRepository(store, A);
        AlarmRepository b = new AlarmRepository(store, B);
        a.raised(new Alarm("disk", Severity.MAJOR, "a's disk", T0, Optional.empty()));
        b.raised(new Alarm("disk", Severity.CRITICAL, "b's disk", T0, Optional.empty()));

        new AlarmRepository(open(), A).clearLeftOver(T0.plusSeconds(5));

        assertEquals(List.of(new Alarm("disk", Severity.MAJOR, "a's disk", T0, Optional.of(T0.plusSeconds(5)))),
                a.latest(10));
        assertEquals(List.of(new Alarm("disk", Severity.CRITICAL, "b's disk", T0, Optional.empty())), b.latest(10),
                "b's alarm is still active, and a's history is not b's");
    }

    @Test
    void aNodesHistoryIsTrimmedByItsOwnCount() {
        Store store = open();
        AlarmRepository a = new AlarmRepository(store, A);
        AlarmRepository b = new AlarmRepository(store, B);
        b.raised(new Alarm("overload", Severity.MAJOR, "b", T0, Optional.empty()));
        for (int i = 0; i < AlarmRepository.KEPT + 5; i++) {
            a.raised(new Alarm("c" + i, Severity.MAJOR, "a", T0.plusSeconds(i), Optional.empty()));
        }
        List<Alarm> kept = a.latest(AlarmRepository.KEPT + 10);
        assertEquals(AlarmRepository.KEPT, kept.size());
        assertEquals("c" + (AlarmRepository.KEPT + 4), kept.get(0).condition());
        assertEquals(1, b.latest(10).size(), "another node's raisings are not trimmed away");
    }
}
