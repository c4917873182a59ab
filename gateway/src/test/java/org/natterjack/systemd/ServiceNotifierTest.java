package org.natterjack.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceNotifierTest {

    @Test
    void theWatchdogIntervalIsSystemdsForThisProcessOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(Optional.empty(),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42));
        assertEquals(Optional.empty(), ServiceNotifier.watchdogInterval(Map.of(), 42));
        assertEquals(Optional.empty(), ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), 42));
        assertEquals(Optional.empty(), ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 42));
    }

    @Test
    void withoutNotifySocketThereIsNoNotifier() {
        assertEquals(Optional.empty(), ServiceNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000")));
    }
}
