package org.natterjack.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.natterjack.sip.auth.NonceService.Verdict;
import org.natterjack.testing.MutableClock;

class NonceServiceTest {

    private static final Duration LIFETIME = Duration.ofSeconds(300);

    private final MutableClock clock = new MutableClock();
    private final NonceService nonces = new NonceService(() -> LIFETIME, clock);

    @Test
    void freshNonceIsAcceptedOncePerNonceCount() {
        String nonce = nonces.issue();

        assertEquals(Verdict.FRESH, nonces.check(nonce, 1));
        assertEquals(Verdict.FRESH, nonces.check(nonce, 2));
        assertEquals(Verdict.FRESH, nonces.check(nonce, 3));
    }

    @Test
    void nonceCountsMaySkipAhead() {
        String nonce = nonces.issue();

        assertEquals(Verdict.FRESH, nonces.check(nonce, 1));
        assertEquals(Verdict.FRESH, nonces.check(nonce, 7));
    }

    @Test
    void repeatedNonceCountIsReplayed() {
        String nonce = nonces.issue();
        nonces.check(nonce, 1);

        assertEquals(Verdict.REPLAYED, nonces.check(nonce, 1));
    }

    @Test
    void lowerNonceCountIsReplayed() {
        String nonce = nonces.issue();
        assertEquals(Verdict.FRESH, nonces.check(nonce, 5));

        assertEquals(Verdict.REPLAYED, nonces.check(nonce, 4));
        assertEquals(Verdict.REPLAYED, nonces.check(nonce, 1));
    }

    @Test
    void zeroOrOversizedNonceCountIsReplayed() {
        String nonce = nonces.issue();

        assertEquals(Verdict.REPLAYED, nonces.check(nonce, 0));
        assertEquals(Verdict.REPLAYED, nonces.check(nonce, 1L + Integer.MAX_VALUE));
        assertEquals(Verdict.FRESH, nonces.check(nonce, 1));
    }

    @Test
    void nonceCountsAreTrackedPerNonce() {
        String first = nonces.issue();
        String second = nonces.issue();
        assertNotEquals(first, second);

        assertEquals(Verdict.FRESH, nonces.check(first, 1));
        assertEquals(Verdict.FRESH, nonces.check(second, 1));
        assertEquals(Verdict.REPLAYED, nonces.check(first, 1));
    }

    @Test
    void tamperedNonceIsForeign() {
        String nonce = nonces.issue();
        byte[] raw = Base64.getUrlDecoder().decode(nonce);
        // Push the issue time an hour forward, as someone stretching the nonce's life would.
        ByteBuffer.wrap(raw).putLong(0, ByteBuffer.wrap(raw).getLong(0) + 3_600_000);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertEquals(Verdict.FOREIGN, nonces.check(tampered, 1));
    }

    @Test
    void nonceWithAFlippedSignatureBitIsForeign() {
        byte[] raw = Base64.getUrlDecoder().decode(nonces.issue());
        raw[raw.length - 1] ^= 1;

        assertEquals(Verdict.FOREIGN, nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), 1));
    }

    @Test
    void garbageIsForeign() {
        assertEquals(Verdict.FOREIGN, nonces.check("not base64 at all!", 1));
        assertEquals(Verdict.FOREIGN, nonces.check("", 1));
        assertEquals(Verdict.FOREIGN, nonces.check("AAAA", 1));
        // The RFC 7616 example nonce was never issued by us.
        assertEquals(Verdict.FOREIGN, nonces.check(DigestAlgorithmTest.NONCE, 1));
    }

    @Test
    void nonceFromAnotherInstanceIsForeign() {
        // A restarted gateway has a new key: nonces it issued before are not recognised.
        NonceService beforeRestart = new NonceService(() -> LIFETIME, clock);

        assertEquals(Verdict.FOREIGN, nonces.check(beforeRestart.issue(), 1));
    }

    @Test
    void nonceIsStillFreshAtTheEndOfItsLifetime() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME);

        assertEquals(Verdict.FRESH, nonces.check(nonce, 1));
    }

    @Test
    void expiredNonceIsStale() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.plusMillis(1));

        assertEquals(Verdict.STALE, nonces.check(nonce, 1));
    }

    @Test
    void expiredNonceStaysStaleForAnyNonceCount() {
        String nonce = nonces.issue();
        assertEquals(Verdict.FRESH, nonces.check(nonce, 1));
        clock.advance(LIFETIME.plusSeconds(1));

        assertEquals(Verdict.STALE, nonces.check(nonce, 2));
    }

    @Test
    void nonceEvictedFromItsSlotByNewerNoncesIsStale() {
        String old = nonces.issue();
        // The ring holds 2^18 slots; that many newer nonces reuse the old nonce's slot.
        for (int i = 0; i < (1 << 18); i++) {
            nonces.issue();
        }

        assertEquals(Verdict.STALE, nonces.check(old, 1));
    }
}
