package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Overload control in proportion: a fake clock (plain milliseconds) and measured delays in, decisions out. */
class SheddingTest {

    private static final long LIMIT = 100;
    private final Shedding shedding = new Shedding();

    private int admittedOf(int requests, long delay, long now) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (shedding.admit(delay, LIMIT, now)) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void underTheLimitEverythingIsAdmitted() {
        assertEquals(1000, admittedOf(1000, LIMIT, 0));
    }

    @Test
    void aBurstShorterThanTwiceTheLimitRefusesNothing() {
        assertEquals(100, admittedOf(100, 10 * LIMIT, 0));
        assertEquals(100, admittedOf(100, 10 * LIMIT, 2 * LIMIT - 1));
    }

    @Test
    void aStandingQueueRefusesInProportionToTheDelay() {
        shedding.admit(LIMIT + 1, LIMIT, 0);
        long standing = 2 * LIMIT;

        assertEquals(900, admittedOf(1000, LIMIT + LIMIT / 10, standing), 1, "10 % over the limit: 10 % refused");
        assertEquals(500, admittedOf(1000, LIMIT + LIMIT / 2, standing), 1, "halfway to twice the limit: half refused");
        assertEquals(0, admittedOf(1000, 2 * LIMIT, standing), "at twice the limit: all refused");
        assertEquals(0, admittedOf(1000, 5 * LIMIT, standing));
    }

    @Test
    void everythingIsAdmittedAgainAsSoonAsTheQueueDrains() {
        shedding.admit(2 * LIMIT, LIMIT, 0);
        assertEquals(0, admittedOf(10, 2 * LIMIT, 2 * LIMIT));

        assertEquals(10, admittedOf(10, LIMIT, 2 * LIMIT + 1), "no spell of refusals after the queue is gone");
        assertEquals(0, shedding.aboveForMs(2 * LIMIT + 1));
        assertEquals(10, admittedOf(10, 2 * LIMIT, 3 * LIMIT), "a new rise is a burst again until it stands");
    }

    @Test
    void withTheLimitOffNothingIsRefused() {
        for (long now = 0; now < 10_000; now += 1000) {
            assertTrue(shedding.admit(10_000, 0, now));
        }
    }
}
