package org.natterjack.webadmin.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.testing.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void theThirdFailureLocksForTheLockoutThenTheCountStartsAgain() {
        assertFalse(throttle.failed("Alice"));
        assertFalse(throttle.failed("alice"));
        assertTrue(throttle.failed("ALICE"), "names are compared case-insensitively");
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(15))), throttle.lockedUntil("alice"));

        clock.advance(Duration.ofMinutes(15));

        assertEquals(Optional.empty(), throttle.lockedUntil("alice"));
        assertFalse(throttle.failed("alice"));
    }

    @Test
    void aSuccessForgetsEarlierFailures() {
        throttle.failed("bob");
        throttle.failed("bob");
        throttle.succeeded("bob");

        assertFalse(throttle.failed("bob"));
        assertEquals(Optional.empty(), throttle.lockedUntil("bob"));
    }

    @Test
    void oldFailuresAreForgottenButLocksAreKept() {
        throttle.failed("carol");
        for (int i = 0; i < 3; i++) {
            throttle.failed("dave");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.purge();

        assertFalse(throttle.failed("carol"));
        assertFalse(throttle.failed("carol"), "carol's first failure was forgotten: this is her second");
        assertEquals(Optional.empty(), throttle.lockedUntil("dave"), "dave's lock has run out");
    }
}
