package org.natterjack.sip.transport;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long datagrams wait in a UDP socket's receive buffer before a worker takes them, the measure of overload
 * ({@link OverloadValve}). The workers read the socket themselves, so there is no queue of ours whose head could
 * be dated, and the kernel does not tell Java when a datagram arrived. So the socket is sent a probe, a datagram
 * to itself carrying the time it left: its wait when it comes back is the wait of every datagram beside it, and
 * while it is still out its age is a lower bound of that wait (it also covers a probe the kernel dropped from a
 * full buffer; but see {@link #lostBeforeAnyBack}). The next probe goes out with the first datagram received at least {@link #INTERVAL_MS} after the
 * last one left: an idle socket is not probed at all.
 *
 * <p>A probe is 17 bytes: a zero byte (no SIP message starts so), a token random per socket, the time it left.
 * Thread-safe; times are {@link System#nanoTime()}.
 */
final class ReceiveDelay {

    static final int PROBE_LENGTH = 17;
    static final long INTERVAL_MS = 10;
    /** A probe still out after this long is taken as lost, and another goes out (its age counted until then). */
    static final long LOST_MS = 1_000;
    private static final long NONE = Long.MIN_VALUE;

    private final long token;
    /** When the probe still out left, or {@link #NONE}. */
    private final AtomicLong outSince = new AtomicLong(NONE);
    private volatile long lastLeft = NONE;
    private volatile long lastWaitNanos;
    /** When a probe last came back (or was given up): an older wait says nothing about now. */
    private volatile long lastMeasured = NONE;
    /**
     * Probes given up before any came back. Until one does, a probe out is no measure: a firewall may drop a host's
     * datagrams to itself, and taking that for a full buffer would refuse every call.
     */
    private final AtomicInteger lostBeforeAnyBack = new AtomicInteger();
    private volatile boolean anyBack;

    ReceiveDelay() {
        this(new SecureRandom().nextLong());
    }

    ReceiveDelay(long token) {
        this.token = token;
    }

    /** The probe to send to the socket now that a datagram arrived at {@code now}, or null when none is due. */
    byte[] probeDue(long now) {
        long out = outSince.get();
        long last = lastLeft;
        boolean due = out == NONE ? last == NONE || now - last >= TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS)
                : now - out >= TimeUnit.MILLISECONDS.toNanos(LOST_MS);
        if (!due || !outSince.compareAndSet(out, now)) {
            return null;
        }
        if (out != NONE && anyBack) {
            lastWaitNanos = now - out;  // lost: it waited at least this long
            lastMeasured = now;
        } else if (out != NONE) {
            lostBeforeAnyBack.incrementAndGet();
        }
        lastLeft = now;
        return ByteBuffer.allocate(PROBE_LENGTH).put((byte) 0).putLong(token).putLong(now).array();
    }

    /** Whether the datagram in {@code data} (of {@code length} bytes) is this socket's probe; if so, notes its wait. */
    boolean isProbe(byte[] data, int length, long now) {
        if (length != PROBE_LENGTH || data[0] != 0) {
            return false;
        }
        ByteBuffer probe = ByteBuffer.wrap(data, 1, PROBE_LENGTH - 1);
        if (probe.getLong() != token) {
            return false;
        }
        long left = probe.getLong();
        if (outSince.compareAndSet(left, NONE)) {
            lastWaitNanos = now - left;
            lastMeasured = now;
            anyBack = true;
        }
        return true;
    }

    /**
     * The wait now: the last probe's (unless it came back more than {@link #LOST_MS} ago: the socket has been idle
     * since), or the age of the one still out if that is longer.
     */
    long delayMs(long now) {
        long out = outSince.get();
        long measured = lastMeasured;
        long last = measured == NONE || now - measured > TimeUnit.MILLISECONDS.toNanos(LOST_MS) ? 0 : lastWaitNanos;
        long wait = Math.max(last, out == NONE || !anyBack ? 0 : now - out);
        return TimeUnit.NANOSECONDS.toMillis(wait);
    }

    /** How many probes were given up before any came back: 0 once one has. */
    int lostBeforeAnyBack() {
        return anyBack ? 0 : lostBeforeAnyBack.get();
    }
}
