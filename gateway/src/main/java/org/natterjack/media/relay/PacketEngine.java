package org.natterjack.media.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jitsi.utils.stats.RateTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One packet-forwarding thread: a selector over the relay sockets of its sessions, one reused direct
 * buffer, no allocation per packet. Every mutable relay object of its sessions (legs, latches, counters)
 * is touched only by this thread; signalling hands work over as tasks ({@link #call}) and status readers
 * take snapshots the same way, so nothing on the packet path needs a lock or a volatile.
 */
final class PacketEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacketEngine.class);
    private static final long CALL_TIMEOUT_SECONDS = 5;

    private final Selector selector;
    private final Thread thread;
    private final Clock clock;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Consumer<SelectionKey> onReady = this::ready;
    private final RateTracker packetRate;
    private final RateTracker byteRate;
    private final PacketTotals totals = new PacketTotals();
    private volatile boolean running = true;
    private long batchPackets;
    private long batchBytes;
    private boolean errorLogged;

    PacketEngine(String name, Clock clock) throws IOException {
        this.selector = Selector.open();
        this.clock = clock;
        this.packetRate = new RateTracker(Duration.ofSeconds(2), Duration.ofMillis(100), clock);
        this.byteRate = new RateTracker(Duration.ofSeconds(2), Duration.ofMillis(100), clock);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the engine thread and waits for it (at once when already on it). */
    <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        if (!running) {
            throw new IllegalStateException(thread.getName() + " is stopped");
        }
        FutureTask<T> future = new FutureTask<>(task);
        tasks.add(future);
        selector.wakeup();
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + thread.getName(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(thread.getName() + " did not respond within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }

    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs {@code task} on the engine thread soon, without waiting for it (packets handed in from another
     * thread). A task that throws is logged once, like a packet that fails.
     */
    void post(Runnable task) {
        if (!running) {
            return;
        }
        tasks.add(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (!errorLogged) {
                    errorLogged = true;
                    LOG.error("Relay packet handling failed (logged once): {}", e.toString(), e);
                }
            }
        });
        selector.wakeup();
    }

    /** Starts reading a socket (engine thread only). */
    void register(LegSocket socket) {
        try {
            socket.channel.register(selector, SelectionKey.OP_READ, socket);
        } catch (ClosedChannelException e) {
            LOG.debug("Relay socket closed before it was registered");
        }
    }

    /**
     * Lets the selector release closed sockets now (engine thread only): a registered channel's port is
     * freed only when its key is deregistered, which happens in a selection operation. Ready packets of
     * other sockets are handled on the way.
     */
    void flushClosed() {
        try {
            selector.selectNow(onReady);
        } catch (IOException e) {
            LOG.warn("Relay selector failed: {}", e.toString());
        }
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** This engine's running totals (counted on its thread, read from any). */
    PacketTotals totals() {
        return totals;
    }

    /**
     * The time for the packet at hand. Read per packet: a batch may span a latch decision, and reading
     * {@code Clock.systemUTC()} costs a few nanoseconds and no allocation, against microseconds of system
     * calls per packet.
     */
    long now() {
        return clock.millis();
    }

    /** The engine's clock, for tasks. */
    long clockMillis() {
        return clock.millis();
    }

    void counted(int bytes) {
        batchPackets++;
        batchBytes += bytes;
    }

    long packetsPerSecond() {
        return packetRate.getRate(clock.millis());
    }

    long bitsPerSecond() {
        return byteRate.getRate(clock.millis()) * 8;
    }

    private void ready(SelectionKey key) {
        try {
            ((LegSocket) key.attachment()).drain(this);
        } catch (RuntimeException e) {
            // A bug must not stop every call on this engine: log it once and keep forwarding.
            if (!errorLogged) {
                errorLogged = true;
                LOG.error("Relay packet handling failed (logged once): {}", e.toString(), e);
            }
        }
    }

    private void run() {
        while (running) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run(); // FutureTask: exceptions go to the caller
            }
            try {
                selector.select(onReady, 1000);
            } catch (IOException e) {
                LOG.warn("Relay selector failed: {}", e.toString());
            }
            if (batchPackets > 0) {
                long now = clock.millis();
                // Bytes before packets: a reader that takes the packet rate first never sees more packets than
                // bytes were counted for.
                byteRate.update(batchBytes, now);
                packetRate.update(batchPackets, now);
                batchPackets = 0;
                batchBytes = 0;
            }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the relay selector failed: {}", e.toString());
        }
    }

    String name() {
        return thread.getName();
    }

    /** Stops the thread after the tasks queued so far; sockets still registered are closed with it. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
