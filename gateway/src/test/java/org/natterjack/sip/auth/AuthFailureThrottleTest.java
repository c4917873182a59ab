package org.natterjack.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natterjack.config.AuthSettings;
import org.natterjack.testing.MutableClock;

class AuthFailureThrottleTest {

    private static final int LIMIT = 3;
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration BLOCK = Duration.ofSeconds(300);

    private final MutableClock clock = new MutableClock();
    private final AuthFailureThrottle throttle = throttle(LIMIT, WINDOW, BLOCK);
    private final InetAddress attacker = address("203.0.113.66");
    private final InetAddress bystander = address("198.51.100.7");

    private AuthFailureThrottle throttle(int limit, Duration window, Duration block) {
        AuthSettings auth = new AuthSettings(true, "natterjack", List.of("MD5"), 300, limit,
                (int) window.toSeconds(), (int) block.toSeconds());
        return new AuthFailureThrottle(() -> auth, clock);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void fail(InetAddress source, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(source, "sip:alice@example.org");
        }
    }

    @SuppressWarnings("unchecked")
    private int trackedSources() throws ReflectiveOperationException {
        Field f = AuthFailureThrottle.class.getDeclaredField("bySource");
        f.setAccessible(true);
        return ((Map<InetAddress, ?>) f.get(throttle)).size();
    }

    @Test
    void unknownSourceIsNotBlocked() {
        assertFalse(throttle.isBlocked(attacker));
    }

    @Test
    void fewerFailuresThanTheLimitDoNotBlock() {
        fail(attacker, LIMIT - 1);

        assertFalse(throttle.isBlocked(attacker));
    }

    @Test
    void limitFailuresWithinTheWindowBlock() {
        fail(attacker, 1);
        clock.advanceSeconds(30);
        fail(attacker, 1);
        clock.advanceSeconds(30);
        fail(attacker, 1);

        assertTrue(throttle.isBlocked(attacker));
    }

    @Test
    void blockAffectsOnlyTheFailingSource() {
        fail(attacker, LIMIT);

        assertTrue(throttle.isBlocked(attacker));
        assertFalse(throttle.isBlocked(bystander));
    }

    @Test
    void blockLastsTheBlockTimeThenLifts() {
        fail(attacker, LIMIT);

        clock.advance(BLOCK.minusSeconds(1));
        assertTrue(throttle.isBlocked(attacker));

        clock.advanceSeconds(1);
        assertFalse(throttle.isBlocked(attacker));
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotBlock() {
        for (int i = 0; i < 5 * LIMIT; i++) {
            fail(attacker, 1);
            clock.advance(WINDOW.dividedBy(LIMIT - 1).plusSeconds(1));
        }

        assertFalse(throttle.isBlocked(attacker));
    }

    @Test
    void singleFailureBlocksWhenTheLimitIsOne() {
        // AuthSettings accepts auth.failure-limit: 1, meaning "block on the first failure".
        AuthFailureThrottle strict = throttle(1, WINDOW, BLOCK);

        strict.recordFailure(attacker, "sip:alice@example.org");

        assertTrue(strict.isBlocked(attacker));
    }

    @Test
    void limitFailuresAfterABlockEndedWithinTheSameWindowBlockAgain() {
        // auth.block-seconds may be shorter than auth.failure-window-seconds.
        Duration shortBlock = Duration.ofSeconds(10);
        AuthFailureThrottle throttled = throttle(LIMIT, WINDOW, shortBlock);
        for (int i = 0; i < LIMIT; i++) {
            throttled.recordFailure(attacker, "sip:alice@example.org");
        }
        assertTrue(throttled.isBlocked(attacker));
        clock.advance(shortBlock);
        assertFalse(throttled.isBlocked(attacker));

        // Another LIMIT failures, all within one window: the guessing must be slowed down again.
        for (int i = 0; i < LIMIT; i++) {
            throttled.recordFailure(attacker, "sip:alice@example.org");
        }

        assertTrue(throttled.isBlocked(attacker));
    }

    @Test
    void purgeForgetsSourcesWhoseWindowAndBlockHavePassed() throws ReflectiveOperationException {
        fail(attacker, LIMIT);
        fail(bystander, 1);
        assertEquals(2, trackedSources());

        clock.advance(BLOCK.plusSeconds(1));
        throttle.purge();

        assertEquals(0, trackedSources());
        assertFalse(throttle.isBlocked(attacker));
    }

    @Test
    void purgeKeepsSourcesStillInTheirWindow() {
        fail(attacker, LIMIT - 1);
        clock.advanceSeconds(10);
        throttle.purge();

        fail(attacker, 1);

        assertTrue(throttle.isBlocked(attacker));
    }

    @Test
    void purgeKeepsBlockedSourcesAfterTheirWindowPassed() throws ReflectiveOperationException {
        fail(attacker, LIMIT);
        fail(bystander, 1);
        clock.advance(WINDOW.plusSeconds(1));

        throttle.purge();

        assertTrue(throttle.isBlocked(attacker));
        assertEquals(1, trackedSources(), "only the bystander's lapsed window is forgotten");
    }
}
