package org.natterjack.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.alarms.Alarm;
import org.natterjack.alarms.AlarmBoard;
import org.natterjack.alarms.Severity;
import org.natterjack.location.NodeId;
import org.natterjack.pstn.api.AsteriskLink;
import org.natterjack.pstn.api.SpanInfo;
import org.natterjack.pstn.api.TrunkInfo;
import org.natterjack.store.AlarmRepository;
import org.natterjack.store.Store;
import org.natterjack.testing.MutableClock;

/** The adapter's conditions as alarms: raised while wrong, cleared when right again or when the adapter stops. */
class PstnAlarmsTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();

    @Test
    void aLinkDownPastTheGraceASpanInAlarmAndItsTrunkAreAlarmsUntilTheyRecover() {
        AlarmBoard board = new AlarmBoard(new AlarmRepository(Store.open(dir), NodeId.LOCAL), clock);
        PstnAlarms alarms = new PstnAlarms(board, clock);
        SpanInfo red = new SpanInfo(1, "city", "ALARM", "red alarm", false);
        TrunkInfo city = new TrunkInfo("city", "DAHDI", false, "all its spans are down", List.of(red));
        AsteriskLink down = new AsteriskLink(false, "cannot connect: Connection refused", clock.instant());

        alarms.check(Optional.of(new PstnAlarms.Readings(down, List.of(red), List.of(city))));
        assertEquals(List.of("pstn.span.1", "pstn.trunk.city"), conditions(board), "the link within its grace");

        clock.advance(PstnAlarms.LINK_GRACE);
        alarms.check(Optional.of(new PstnAlarms.Readings(down, List.of(red), List.of(city))));
        assertEquals(List.of("pstn.asterisk-link", "pstn.span.1", "pstn.trunk.city"), conditions(board));
        assertEquals(Severity.CRITICAL, board.active().get(0).severity());

        SpanInfo up = new SpanInfo(1, "city", "UP", "", false);
        alarms.check(Optional.of(new PstnAlarms.Readings(new AsteriskLink(true, "", clock.instant()), List.of(up),
                List.of(new TrunkInfo("city", "DAHDI", true, "", List.of(up))))));
        assertEquals(List.of(), conditions(board), "all recovered");

        clock.advance(Duration.ofMinutes(1));
        alarms.check(Optional.of(new PstnAlarms.Readings(down, List.of(red), List.of(city))));
        alarms.check(Optional.empty());
        assertEquals(List.of(), conditions(board), "the adapter switched off: none of its alarms stays");
    }

    private static List<String> conditions(AlarmBoard board) {
        return board.active().stream().map(Alarm::condition).sorted().toList();
    }
}
