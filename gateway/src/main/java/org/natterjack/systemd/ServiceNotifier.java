package org.natterjack.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the service is doing, through {@code sd_notify(3)} in libsystemd (the JDK cannot send
 * on a Unix datagram socket). Only exists when systemd asked for it ({@code NOTIFY_SOCKET}); outside systemd
 * the gateway runs as before.
 */
public final class ServiceNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNotifier.class);

    /** The one function of libsystemd we call. */
    interface LibSystemd extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    private final LibSystemd systemd;
    private final Optional<Duration> watchdog;
    private ScheduledExecutorService pinger;

    private ServiceNotifier(LibSystemd systemd, Optional<Duration> watchdog) {
        this.systemd = systemd;
        this.watchdog = watchdog;
    }

    /** The notifier systemd asked for in {@code environment}, if any and if libsystemd is there. */
    public static Optional<ServiceNotifier> fromEnvironment(Map<String, String> environment) {
        if (environment.get("NOTIFY_SOCKET") == null) {
            return Optional.empty();
        }
        try {
            LibSystemd systemd = Native.load("systemd", LibSystemd.class);
            return Optional.of(new ServiceNotifier(systemd, watchdogInterval(environment, ProcessHandle.current().pid())));
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("systemd asked for notifications (NOTIFY_SOCKET) but libsystemd cannot be loaded: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The watchdog timeout systemd set for this process ({@code WATCHDOG_USEC}, for {@code WATCHDOG_PID} if
     * named), see sd_watchdog_enabled(3).
     */
    static Optional<Duration> watchdogInterval(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        String forPid = environment.get("WATCHDOG_PID");
        try {
            if (usec == null || forPid != null && Long.parseLong(forPid) != pid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec);
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Start-up is over and the gateway serves: systemd may start what waits for it. With a watchdog, pings
     * start now, at half its timeout, from a thread of their own: a JVM that stops scheduling them (hung,
     * or lost in garbage collection) is restarted by systemd.
     */
    public void ready(String status) {
        notify("READY=1\nSTATUS=" + status);
        watchdog.ifPresent(timeout -> {
            pinger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "natterjack-watchdog");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(1, timeout.toMillis() / 2);
            pinger.scheduleAtFixedRate(() -> notify("WATCHDOG=1"), 0, period, TimeUnit.MILLISECONDS);
        });
    }

    /** The gateway is stopping: systemd waits for it instead of counting the stop as a failure. */
    public void stopping() {
        close();
        notify("STOPPING=1");
    }

    private void notify(String state) {
        if (systemd.sd_notify(0, state) < 0) {
            LOG.debug("sd_notify({}) failed", state.replace('\n', ' '));
        }
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.shutdownNow();
        }
    }
}
