package org.natterjack.sip.keepalive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.NatSettings;
import org.natterjack.jobs.Jobs;

class KeepaliveScheduleTest {

    private final Jobs jobs = new Jobs();

    @AfterEach
    void stop() {
        jobs.close();
    }

    @Test
    void aChangedKeepaliveIntervalTakesEffectWithoutRestart() throws InterruptedException {
        LiveConfig live = new LiveConfig(withNat(new NatSettings(60, 3600, 3, false)));
        CountDownLatch rounds = new CountDownLatch(2);
        KeepaliveSchedule schedule = new KeepaliveSchedule(jobs, rounds::countDown, live.nat());
        live.onChange((old, next) -> schedule.apply(next.nat()));
        jobs.start();

        live.update(withNat(new NatSettings(60, 1, 3, false)));

        assertTrue(rounds.await(5, TimeUnit.SECONDS), "two rounds a second apart, not one an hour");
    }

    @Test
    void keepalivesStopAtZeroAndStartAgain() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        KeepaliveSchedule schedule = new KeepaliveSchedule(jobs, rounds::incrementAndGet,
                new NatSettings(60, 1, 3, false));
        jobs.start();
        schedule.apply(new NatSettings(60, 0, 3, false));
        Thread.sleep(1500);
        assertEquals(0, rounds.get());

        schedule.apply(new NatSettings(60, 1, 3, false));
        Thread.sleep(1500);
        assertTrue(rounds.get() >= 1);
    }

    private static GatewayConfig withNat(NatSettings nat) {
        GatewayConfig d = GatewayConfig.defaults();
        return new GatewayConfig(d.dataDir(), d.sip(), d.registrar(), d.auth(), nat, d.proxy(), d.dns(), d.relay(),
                d.websocket(), d.metrics(), d.cdr(), d.capture(), d.plugins(), d.store(), d.node());
    }
}
