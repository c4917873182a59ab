package org.natterjack.sip.keepalive;

import java.time.Duration;
import org.natterjack.config.NatSettings;
import org.natterjack.jobs.Jobs;

/**
 * Runs keepalive rounds every {@code nat.keepalive-seconds}, and moves them to a new interval (or stops or
 * starts them) when the setting changes while the gateway runs.
 */
public final class KeepaliveSchedule {

    static final String JOB = "nat-keepalive";

    private final Jobs jobs;
    private final Runnable round;
    private int seconds;

    /** @param round one keepalive round ({@link NatKeepalive#sendRound()}) */
    public KeepaliveSchedule(Jobs jobs, Runnable round, NatSettings initial) {
        this.jobs = jobs;
        this.round = round;
        schedule(initial.keepaliveSeconds());
    }

    /** Reschedules if the interval changed; the next round comes one new interval from now. */
    public synchronized void apply(NatSettings nat) {
        if (nat.keepaliveSeconds() != seconds) {
            jobs.cancel(JOB);
            schedule(nat.keepaliveSeconds());
        }
    }

    private void schedule(int newSeconds) {
        seconds = newSeconds;
        if (newSeconds > 0) {
            jobs.every(Duration.ofSeconds(newSeconds), JOB, round);
        }
    }
}
