package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes other gateways commit to a shared (PostgreSQL) store, heard through {@code LISTEN}: triggers on the
 * configuration tables send the table's name on {@link #TABLES}, and code that writes what triggers would make too
 * chatty (bindings) sends its own payloads with {@link #announce}.
 *
 * <p>One connection from the pool listens, on its own thread. While it is lost nothing is heard, so when it comes
 * back every watch reports a change and every {@link #onResync} subscriber reloads in full.
 */
public class StoreChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);

    /** The channel the configuration tables' triggers notify, with the table's name. */
    static final String TABLES = "natterjack_tables";

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD = 7_900;

    private final DataSource dataSource;
    private final String name;
    private final Map<String, AtomicLong> tableVersions = new ConcurrentHashMap<>();
    private final AtomicLong resyncs = new AtomicLong();
    private final List<Runnable> reloads = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<String>>> channels = new ConcurrentHashMap<>();
    private final List<Runnable> resyncSubscribers = new CopyOnWriteArrayList<>();
    /** Even without a notification, a watch reports a change this often: a notification can be lost unseen. */
    static final long SAFETY_RELOAD_NANOS = 60_000_000_000L;

    private volatile boolean running;
    private volatile boolean relisten;
    /** When the listener lost the database ({@link System#nanoTime()}); 0 while it listens. */
    private volatile long lostAt;
    private Thread thread;

    private StoreChanges(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Changes of a store no other gateway writes to: nothing to hear. */
    static StoreChanges none() {
        return new StoreChanges(null, "") {
            @Override
            void start() {
            }
        };
    }

    static StoreChanges listening(DataSource dataSource, String name) {
        return new StoreChanges(dataSource, name);
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "natterjack-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    ChangeWatch watch(Set<String> tables) {
        return new ChangeWatch() {
            private long seen = -1;
            private long reportedAt = System.nanoTime();

            @Override
            public synchronized boolean changed() {
                long version = resyncs.get();
                for (String table : tables) {
                    version += tableVersions.computeIfAbsent(table, t -> new AtomicLong()).get();
                }
                long now = System.nanoTime();
                boolean changed = version != seen || now - reportedAt > SAFETY_RELOAD_NANOS;
                if (changed) {
                    reportedAt = now;
                }
                seen = version;
                return changed;
            }

            @Override
            public void close() {
            }
        };
    }

    /** How long the listener has been cut off from the database; zero while it listens (or alone). */
    java.time.Duration unheardFor() {
        long lost = lostAt;
        return lost == 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - lost);
    }

    void wrote(String table) {
        tableVersions.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
    }

    void onChange(Runnable reload) {
        reloads.add(reload);
    }

    /** Hands every payload sent on {@code channel} by {@link #announce} to {@code subscriber}. */
    public void onNotification(String channel, Consumer<String> subscriber) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a channel is lower-case letters and underscores: " + channel);
        }
        channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        relisten = true;
    }

    /** Runs {@code resync} after the listener (re)connects: notifications sent meanwhile were not heard. */
    public void onResync(Runnable resync) {
        resyncSubscribers.add(resync);
    }

    /**
     * Sends {@code payload} on {@code channel} as part of {@code c}'s transaction: the listeners hear it when (and
     * only if) it commits.
     */
    public static void announce(Connection c, String channel, String payload) throws SQLException {
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a notification payload is at most " + MAX_PAYLOAD + " characters");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            relisten = false;
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + TABLES);
                for (String channel : channels.keySet()) {
                    st.execute("LISTEN " + channel);
                }
                if (failing) {
                    LOG.info("Listening to {} for changes again", name);
                    failing = false;
                }
                lostAt = 0;
                resync();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running && !relisten) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        dispatch(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("Lost the change notifications of {} (retrying every second, logged once): {}", name,
                            Store.rootMessage(e));
                    failing = true;
                    lostAt = System.nanoTime();
                }
                sleep();
            }
        }
    }

    private void resync() {
        resyncs.incrementAndGet();
        resyncSubscribers.forEach(StoreChanges::runGuarded);
        reloads.forEach(StoreChanges::runGuarded);
    }

    private void dispatch(PGNotification[] notifications) {
        boolean tables = false;
        for (PGNotification n : notifications) {
            if (n.getName().equals(TABLES)) {
                tableVersions.computeIfAbsent(n.getParameter(), t -> new AtomicLong()).incrementAndGet();
                tables = true;
            } else {
                for (Consumer<String> subscriber : channels.getOrDefault(n.getName(), List.of())) {
                    runGuarded(() -> subscriber.accept(n.getParameter()));
                }
            }
        }
        if (tables) {
            reloads.forEach(StoreChanges::runGuarded);
        }
    }

    private static void runGuarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A reload that failed (e.g. the database went away in between) is retried by the next change or
            // resync; the listener must keep listening.
            LOG.warn("Reloading after a store change failed: {}", e.toString());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
