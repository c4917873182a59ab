package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WheelSipTimerTest {

    /** 8 slots of 10 ms: a round is 80 ms, so delays of a few hundred milliseconds wait several rounds. */
    private final WheelSipTimer timer = new WheelSipTimer(8);

    WheelSipTimerTest() {
        timer.startWheel("test");
    }

    @AfterEach
    void stop() {
        timer.stop();
    }

    private static final class Counting extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger cleanUps = new AtomicInteger();
        final AtomicLong firstRunNanos = new AtomicLong();
        final CountDownLatch ran = new CountDownLatch(1);
        Runnable body = () -> { };

        @Override
        public void runTask() {
            firstRunNanos.compareAndSet(0, System.nanoTime());
            runs.incrementAndGet();
            ran.countDown();
            body.run();
        }

        @Override
        public void cleanUpBeforeCancel() {
            cleanUps.incrementAndGet();
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }

    @Test
    void aTimerFiresOnceAndNotEarlyEvenAfterSeveralRounds() throws Exception {
        Counting task = new Counting();
        long start = System.nanoTime();

        timer.schedule(task, 250);

        assertTrue(task.ran.await(2, TimeUnit.SECONDS));
        long waited = TimeUnit.NANOSECONDS.toMillis(task.firstRunNanos.get() - start);
        assertTrue(waited >= 250, "fired after " + waited + " ms");
        assertTrue(waited < 250 + 200, "fired after " + waited + " ms");
        Thread.sleep(200);
        assertEquals(1, task.runs.get());
        awaitEmpty();
    }

    @Test
    void aPeriodicTimerRepeatsUntilCancelled() throws Exception {
        Counting task = new Counting();
        timer.scheduleWithFixedDelay(task, 20, 20);
        Thread.sleep(250);

        assertTrue(timer.cancel(task));

        int runs = task.runs.get();
        assertTrue(runs >= 4 && runs <= 13, runs + " runs in 250 ms");
        Thread.sleep(100);
        assertEquals(runs, task.runs.get(), "no run after cancel");
        assertEquals(1, task.cleanUps.get());
        assertNull(task.getSipTimerTask());
        awaitEmpty();
    }

    @Test
    void aTaskMayCancelItselfWhileRunning() throws Exception {
        Counting task = new Counting();
        task.body = () -> {
            if (task.runs.get() == 3) {
                timer.cancel(task);
            }
        };

        timer.scheduleWithFixedDelay(task, 10, 10);

        Thread.sleep(200);
        assertEquals(3, task.runs.get());
        awaitEmpty();
    }

    @Test
    void aCancelledTimerNeverFiresAndLeavesNothingBehind() throws Exception {
        Counting task = new Counting();
        timer.schedule(task, 300);
        Thread.sleep(30);

        assertTrue(timer.cancel(task));
        assertFalse(timer.cancel(task), "only once");

        awaitEmpty();
        Thread.sleep(400);
        assertEquals(0, task.runs.get());
    }

    @Test
    void manyTimersFireExactlyOnceUnlessCancelled() throws Exception {
        Random random = new Random(14);
        List<Counting> kept = new ArrayList<>();
        List<Counting> cancelled = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Counting task = new Counting();
            timer.schedule(task, random.nextInt(400));
            (i % 2 == 0 ? kept : cancelled).add(task);
        }
        cancelled.forEach(timer::cancel);

        Thread.sleep(600);

        assertTrue(kept.stream().allMatch(t -> t.runs.get() == 1), "each kept timer fired once");
        assertTrue(cancelled.stream().allMatch(t -> t.runs.get() <= 1), "cancelled ones at most before the cancel");
        awaitEmpty();
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheWheel() throws Exception {
        Counting failing = new Counting();
        failing.body = () -> {
            throw new IllegalStateException("task failure for the test");
        };
        Counting after = new Counting();

        timer.schedule(failing, 10);
        timer.schedule(after, 50);

        assertTrue(after.ran.await(2, TimeUnit.SECONDS));
        assertEquals(1, failing.runs.get());
    }

    @Test
    void nothingIsScheduledAfterStop() {
        timer.stop();

        assertFalse(timer.isStarted());
        assertThrows(IllegalStateException.class, () -> timer.schedule(new Counting(), 10));
    }

    /** The wheel holds no timer any more (cancelled ones leave at its next turn). */
    private void awaitEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (timer.scheduledCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, timer.scheduledCount());
    }
}
