package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.natterjack.testing.MutableClock;

class StatusHistoryTest {

    private final MutableClock clock = new MutableClock();
    private final StatusHistory history = new StatusHistory(null, clock);

    @Test
    void keepsTwentyFourHoursAndScalesToThePeak() {
        Instant now = clock.instant();
        history.add(new StatusHistory.Sample(now.minus(Duration.ofHours(25)), 9, 9));
        history.add(new StatusHistory.Sample(now.minus(Duration.ofHours(12)), 2, 0));
        history.add(new StatusHistory.Sample(now, 4, 0));

        assertEquals(2, history.samples().size(), "a sample older than 24 h is dropped");
        assertEquals(new StatusHistory.Line("300.0,50.0 600.0,0.0", 4), history.registrations());
        assertEquals(new StatusHistory.Line("300.0,100.0 600.0,100.0", 1), history.calls(), "no calls: flat at 0");
    }
}
