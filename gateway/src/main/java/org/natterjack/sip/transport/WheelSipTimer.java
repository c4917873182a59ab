package org.natterjack.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's timer (TIMER_CLASS_NAME): a hashed wheel of 10 ms slots turned by one thread.
 *
 * <p>The RI keeps a timer per live INVITE transaction that fires every 500 ms for as long as the transaction is in
 * its table (32 s after a 2xx), so at 1,000 calls/s some 60,000 timers fire per second. Its own timer, a
 * {@code ScheduledThreadPoolExecutor}, wakes once per firing and moves each timer through a heap under a lock
 * shared with the worker threads that schedule and cancel. Here the thread wakes once per slot and runs every
 * timer due in it; scheduling and cancelling append to lock-free queues that only the wheel thread drains, and
 * a timer is put back into its slot list without ordering. A timer fires up to one slot (10 ms) late, never early.
 *
 * <p>Tasks run on the wheel thread, one after the other, as on the RI's single timer thread; a task that throws is
 * logged and the wheel turns on. A cancelled timer lets go of its task at once and leaves its slot at the next
 * turn.
 */
public final class WheelSipTimer implements SipTimer {

    private static final Logger LOG = LoggerFactory.getLogger(WheelSipTimer.class);
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int SLOTS = 512;

    /** One scheduled task. Fields other than {@code task} and {@code cancelled} belong to the wheel thread. */
    private static final class Timer {
        volatile SIPStackTimerTask task;
        volatile boolean cancelled;
        /** A one-shot timer that has fired; the task keeps it, as the RI's timer leaves its future in the task. */
        volatile boolean done;
        final long periodNanos;
        long deadlineNanos;
        long rounds;
        Timer prev;
        Timer next;
        /** The slot list it is in, or -1 if none. */
        int slot = -1;

        Timer(SIPStackTimerTask task, long deadlineNanos, long periodNanos) {
            this.task = task;
            this.deadlineNanos = deadlineNanos;
            this.periodNanos = periodNanos;
        }
    }

    /** Heads of the slot lists; touched by the wheel thread only. */
    private final Timer[] heads;
    private final int mask;
    private final Queue<Timer> added = new ConcurrentLinkedQueue<>();
    private final Queue<Timer> removed = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;
    /** The wheel's origin and how many ticks it has done; wheel thread only. */
    private long startNanos;
    private long tick;
    /** Timers in slot lists; wheel thread only, read by tests after a turn. */
    private volatile int linked;

    /** As the RI asks of a timer class: public, no arguments; {@link #start} follows. */
    public WheelSipTimer() {
        this(SLOTS);
    }

    /** A wheel of {@code slots} slots (a power of two): a round of fewer slots lets tests see timers wait rounds. */
    WheelSipTimer(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        heads = new Timer[slots];
        mask = slots - 1;
    }

    @Override
    public void start(SipStackImpl stack, Properties configuration) {
        startWheel(stack == null ? "sip" : stack.getStackName());
    }

    void startWheel(String name) {
        startNanos = System.nanoTime();
        running = true;
        thread = new Thread(this::turn, name + "-timer-wheel");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        return add(task, delayMillis, 0);
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period " + periodMillis + " ms");
        }
        return add(task, delayMillis, TimeUnit.MILLISECONDS.toNanos(periodMillis));
    }

    private boolean add(SIPStackTimerTask task, long delayMillis, long periodNanos) {
        if (!running) {
            throw new IllegalStateException("The SIP stack timer has been stopped, no new tasks can be scheduled");
        }
        Timer timer = new Timer(task, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)),
                periodNanos);
        task.setSipTimerTask(timer);
        added.add(timer);
        return true;
    }

    /** As the RI's timers: the task's own clean-up, then it no longer fires; true if it was still scheduled. */
    @Override
    public boolean cancel(SIPStackTimerTask task) {
        if (!(task.getSipTimerTask() instanceof Timer timer)) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        if (timer.cancelled || timer.done) {
            return false;
        }
        timer.cancelled = true;
        timer.task = null;
        removed.add(timer);
        return true;
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public boolean isStarted() {
        return running;
    }

    /** Timers waiting in the wheel, counted by the wheel thread at its last turn. */
    int scheduledCount() {
        return linked;
    }

    private void turn() {
        while (running) {
            long due = startNanos + (tick + 1) * TICK_NANOS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            tick++;
            unlinkCancelled();
            linkAdded();
            expire(heads[(int) (tick & mask)]);
        }
        added.clear();
        removed.clear();
    }

    private void unlinkCancelled() {
        for (Timer t; (t = removed.poll()) != null; ) {
            unlink(t);
        }
    }

    private void linkAdded() {
        for (Timer t; (t = added.poll()) != null; ) {
            if (!t.cancelled) {
                link(t);
            }
        }
    }

    /** Puts {@code t} into the slot of its deadline, at least the next tick. */
    private void link(Timer t) {
        long ticksAway = Math.max(1, ceilDiv(t.deadlineNanos - startNanos, TICK_NANOS) - tick);
        long deadlineTick = tick + ticksAway;
        t.rounds = (ticksAway - 1) / heads.length;
        int slot = (int) (deadlineTick & mask);
        t.slot = slot;
        t.prev = null;
        t.next = heads[slot];
        if (t.next != null) {
            t.next.prev = t;
        }
        heads[slot] = t;
        linked++;
    }

    private void unlink(Timer t) {
        if (t.slot < 0) {
            return;
        }
        if (t.prev != null) {
            t.prev.next = t.next;
        } else {
            heads[t.slot] = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        t.slot = -1;
        linked--;
    }

    private void expire(Timer head) {
        Timer t = head;
        while (t != null) {
            Timer next = t.next;
            if (t.rounds > 0) {
                t.rounds--;
            } else {
                unlink(t);
                run(t);
            }
            t = next;
        }
    }

    private void run(Timer t) {
        SIPStackTimerTask task = t.task;
        if (t.cancelled || task == null) {
            return;
        }
        try {
            task.runTask();
        } catch (Throwable e) {
            LOG.error("SIP stack timer task {} failed: {}", task.getClass().getName(), e.toString(), e);
        }
        if (t.periodNanos == 0) {
            t.done = true;
        } else if (!t.cancelled) {
            t.deadlineNanos = System.nanoTime() + t.periodNanos;
            link(t);
        }
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
