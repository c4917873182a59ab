package org.natterjack.sip.proxy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The proxy's own timers (timer C, ring time, failover), in whole seconds. */
@FunctionalInterface
interface ProxyTimers {

    /** A started timer. */
    @FunctionalInterface
    interface Timer {
        /** Stops it if it has not fired. */
        void cancel();
    }

    Timer after(long seconds, Runnable task);

    static ProxyTimers on(ScheduledExecutorService executor) {
        return (seconds, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, seconds, TimeUnit.SECONDS);
            return () -> future.cancel(false);
        };
    }
}
