package org.natterjack.sip.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues digest nonces and enforces that each (nonce, nonce-count) pair is accepted once.
 *
 * <p>A nonce carries its issue time and a serial number, signed with a per-process HMAC key, so nothing is
 * stored per nonce beyond a fixed ring of slots (as Kamailio's auth module does with its nonce ids): slot
 * {@code serial mod N} remembers the highest nonce count seen. When a newer nonce takes the slot, the old
 * nonce is reported stale and the client simply re-authenticates. Memory is bounded whatever the load.
 */
public final class NonceService {

    /** What {@link #check} found. */
    public enum Verdict { FRESH, STALE, REPLAYED, FOREIGN }

    private static final int SLOTS = 1 << 18;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 8 + 8 + MAC_BYTES;

    private final byte[] key = new byte[32];
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final AtomicLong serials = new AtomicLong(new SecureRandom().nextInt(SLOTS));
    private final AtomicLongArray slotOwner = new AtomicLongArray(SLOTS);
    private final AtomicIntegerArray slotCount = new AtomicIntegerArray(SLOTS);
    private final Supplier<Duration> lifetime;
    private final Clock clock;

    public NonceService(Supplier<Duration> lifetime, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.lifetime = lifetime;
        this.clock = clock;
        for (int i = 0; i < SLOTS; i++) {
            slotOwner.set(i, -1);
        }
    }

    public String issue() {
        long serial = serials.getAndIncrement();
        int slot = (int) (serial & (SLOTS - 1));
        slotCount.set(slot, 0);
        slotOwner.set(slot, serial);
        ByteBuffer buf = ByteBuffer.allocate(NONCE_BYTES);
        buf.putLong(clock.millis()).putLong(serial);
        buf.put(sign(buf.array(), 16));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /**
     * Checks a nonce and records its use with {@code nonceCount} (use 1 for credentials without qop, which
     * makes the nonce single-use).
     *
     * @return FOREIGN if we did not issue it (or issued it before a restart), STALE if it is too old or
     *     evicted, REPLAYED if this count was not higher than one seen before, FRESH otherwise
     */
    public Verdict check(String nonce, long nonceCount) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.FOREIGN;
        }
        if (raw.length != NONCE_BYTES
                || !MessageDigest.isEqual(sign(raw, 16), Arrays.copyOfRange(raw, 16, NONCE_BYTES))) {
            return Verdict.FOREIGN;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long issued = buf.getLong();
        long serial = buf.getLong();
        if (clock.millis() - issued > lifetime.get().toMillis()) {
            return Verdict.STALE;
        }
        int slot = (int) (serial & (SLOTS - 1));
        if (slotOwner.get(slot) != serial) {
            return Verdict.STALE;
        }
        if (nonceCount < 1 || nonceCount > Integer.MAX_VALUE) {
            return Verdict.REPLAYED;
        }
        int count = (int) nonceCount;
        while (true) {
            int seen = slotCount.get(slot);
            if (count <= seen) {
                return Verdict.REPLAYED;
            }
            if (slotCount.compareAndSet(slot, seen, count)) {
                return slotOwner.get(slot) == serial ? Verdict.FRESH : Verdict.STALE;
            }
        }
    }

    private byte[] sign(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
