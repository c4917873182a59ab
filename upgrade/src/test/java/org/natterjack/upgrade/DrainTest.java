package org.natterjack.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DrainTest {

    private static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");
    private final Drain drain = new Drain(T0, Duration.ofMinutes(5));

    @Test
    void waitsWhileCallsAreUpAndShowsWhatIsLeft() {
        assertEquals(new Drain.Waiting(3, 300), drain.step(T0, 3));
        assertEquals(new Drain.Waiting(1, 60), drain.step(T0.plusSeconds(240), 1));
        assertEquals(new Drain.Waiting(1, 1), drain.step(T0.plusMillis(299_500), 1), "never shows 0 s while waiting");
    }

    @Test
    void endsWhenTheLastCallEnds() {
        assertEquals(new Drain.Done(0), drain.step(T0.plusSeconds(10), 0));
    }

    @Test
    void endsAtTheDeadlineWithTheCallsItCuts() {
        assertEquals(new Drain.Done(2), drain.step(T0.plusSeconds(300), 2));
    }

    @Test
    void aZeroDeadlineDoesNotWait() {
        assertEquals(new Drain.Done(4), new Drain(T0, Duration.ZERO).step(T0, 4));
    }
}
