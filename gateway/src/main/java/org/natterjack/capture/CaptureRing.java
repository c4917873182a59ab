package org.natterjack.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.natterjack.net.MessageTap;
import org.natterjack.net.Transport;

/**
 * The SIP messages of the recent past, every one the transport received or sent, within a memory budget: the
 * oldest go first. A call's ladder and pcap are read from here by Call-ID.
 *
 * <p>The messages are copied into one array of the budget's size, used as a circular log, with a small index of
 * where each record starts: the capture keeps no object per message, so however many it holds, the garbage
 * collector has nothing to copy (one object per message, kept for minutes, made the collector's pauses half as
 * long again in bench/proxy). A record is its time, direction, transport, both addresses, the Call-ID's place in
 * the message and the message's octets; a record that does not fit before the array's end starts again at its
 * beginning.
 */
public final class CaptureRing implements MessageTap, SipCapture {

    /** Time, flags, two addresses (16 octets and a port each), Call-ID offset and length, message length. */
    private static final int HEADER = 8 + 1 + 2 * (1 + 16 + 2) + 4 + 4 + 4;
    /** Messages are rarely shorter; the index is sized for this average. */
    private static final int SHORTEST_EXPECTED = 256;
    private static final Transport[] TRANSPORTS = Transport.values();

    private final InetAddress advertised;
    private final Clock clock;
    private final Consumer<CapturedMessage> also;
    private final ByteBuffer log;
    private final int[] starts;
    private final int[] callIdHashes;
    /** The index is a ring too: entries {@code first} .. {@code first + count - 1}, modulo its length. */
    private int first;
    private int count;
    private int writeAt;
    private long usedBytes;

    /**
     * @param advertised the gateway's address, shown for messages on a socket bound to the wildcard address
     * @param also told of each message too (the HEP sender), on the transport's thread; null: nobody
     */
    public CaptureRing(int budgetBytes, InetAddress advertised, Clock clock, Consumer<CapturedMessage> also) {
        this.advertised = advertised;
        this.clock = clock;
        this.also = also;
        this.log = ByteBuffer.allocate(budgetBytes);
        int entries = Math.max(16, budgetBytes / SHORTEST_EXPECTED);
        this.starts = new int[entries];
        this.callIdHashes = new int[entries];
    }

    @Override
    public void tapped(boolean sent, Transport transport, InetSocketAddress local, InetSocketAddress remote,
                       byte[] octets) {
        if (octets.length == 0 || !Character.isLetter(octets[0])) {
            return; // keepalives (CRLF), STUN
        }
        InetSocketAddress shown = local.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(advertised, local.getPort()) : local;
        Instant now = clock.instant();
        long callId = SipHeads.callIdSpan(octets);
        int idStart = (int) (callId >>> 32);
        int idLength = (int) callId;
        int hash = hash(octets, idStart, idLength);
        int size = HEADER + octets.length;
        if (size <= log.capacity()) {
            synchronized (this) {
                append(now, sent, transport, shown, remote, idStart, idLength, hash, octets, size);
            }
        }
        if (also != null) {
            also.accept(new CapturedMessage(now, sent, transport, shown, remote,
                    new String(octets, idStart, idLength, StandardCharsets.UTF_8), octets));
        }
    }

    private void append(Instant now, boolean sent, Transport transport, InetSocketAddress local,
                        InetSocketAddress remote, int idStart, int idLength, int hash, byte[] octets, int size) {
        if (writeAt + size > log.capacity()) {
            evictUpTo(log.capacity());
            writeAt = 0;
        }
        evictUpTo(writeAt + size);
        if (count == starts.length) {
            dropOldest();
        }
        int at = writeAt;
        log.putLong(at, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        log.put(at + 8, (byte) ((sent ? 0x80 : 0) | transport.ordinal()));
        putAddress(at + 9, local);
        putAddress(at + 9 + 19, remote);
        log.putInt(at + 47, idStart);
        log.putInt(at + 51, idLength);
        log.putInt(at + 55, octets.length);
        log.put(at + HEADER, octets);
        int slot = (first + count) % starts.length;
        starts[slot] = at;
        callIdHashes[slot] = hash;
        count++;
        usedBytes += size;
        writeAt = at + size;
    }

    /** Drops the records that lie between the write position and {@code end}: the oldest ones. */
    private void evictUpTo(int end) {
        while (count > 0) {
            int start = starts[first];
            if (start < writeAt || start >= end) {
                return;
            }
            dropOldest();
        }
    }

    private void dropOldest() {
        usedBytes -= HEADER + log.getInt(starts[first] + 55);
        first = (first + 1) % starts.length;
        count--;
    }

    private void putAddress(int at, InetSocketAddress a) {
        byte[] raw = a.getAddress().getAddress();
        log.put(at, (byte) raw.length);
        log.put(at + 1, raw);
        log.putShort(at + 17, (short) a.getPort());
    }

    private InetSocketAddress address(int at) {
        byte[] raw = new byte[log.get(at)];
        log.get(at + 1, raw);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), log.getShort(at + 17) & 0xffff);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a captured address of " + raw.length + " octets", e);
        }
    }

    @Override
    public List<CapturedMessage> ofCall(String callId) {
        byte[] wanted = callId.getBytes(StandardCharsets.UTF_8);
        int hash = hash(wanted, 0, wanted.length);
        List<CapturedMessage> found = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                int slot = (first + i) % starts.length;
                if (callIdHashes[slot] == hash && callIdIs(starts[slot], wanted)) {
                    found.add(read(starts[slot], callId));
                }
            }
        }
        return found;
    }

    private boolean callIdIs(int at, byte[] wanted) {
        if (log.getInt(at + 51) != wanted.length) {
            return false;
        }
        int from = at + HEADER + log.getInt(at + 47);
        for (int i = 0; i < wanted.length; i++) {
            if (log.get(from + i) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private CapturedMessage read(int at, String callId) {
        long micros = log.getLong(at);
        int flags = log.get(at + 8);
        byte[] octets = new byte[log.getInt(at + 55)];
        log.get(at + HEADER, octets);
        return new CapturedMessage(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000),
                (flags & 0x80) != 0, TRANSPORTS[flags & 0x7f], address(at + 9), address(at + 28), callId, octets);
    }

    private static int hash(byte[] b, int from, int length) {
        int h = 1;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /** How many messages are kept, and the memory they take. */
    @Override
    public synchronized Usage usage() {
        return new Usage(count, usedBytes, log.capacity(), count == 0 ? null
                : Instant.ofEpochSecond(log.getLong(starts[first]) / 1_000_000));
    }

    /** @param oldest when the oldest kept message crossed the wire (to the second); null when none is kept */
    public record Usage(int messages, long usedBytes, long budgetBytes, Instant oldest) {
    }
}
