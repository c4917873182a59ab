package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtpReceptionTest {

    private static final int RATE = 8000;
    private final RtpReception reception = new RtpReception();

    private void receive(int seq, long timestamp, int ssrc, long arrivalMillis) {
        ByteBuffer p = ByteBuffer.allocate(172);
        p.put(0, (byte) 0x80).put(1, (byte) 0).putShort(2, (short) seq).putInt(4, (int) timestamp).putInt(8, ssrc);
        reception.received(p, arrivalMillis * 1_000_000L, RATE);
    }

    @Test
    void gapsInTheSequenceNumbersAreLostPackets() {
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                receive(1000 + i, 160L * i, 7, 20L * i);
            }
        }
        Reception r = reception.snapshot(RATE);
        assertEquals(90, r.received());
        assertEquals(10, r.lost());
        assertEquals(10.0, r.lossPercent(), 1e-9);
    }

    @Test
    void theSequenceNumberWrapsWithoutCountingLoss() {
        for (int i = 0; i < 50; i++) {
            receive((65510 + i) & 0xffff, 160L * i, 7, 20L * i);
        }
        assertEquals(new Reception(50, 0, 0), reception.snapshot(RATE));
    }

    @Test
    void aNewSourceAddsToTheCountsOfTheOldOne() {
        for (int i = 0; i < 20; i++) {
            receive(100 + i, 160L * i, 7, 20L * i);
        }
        for (int i = 0; i < 20; i++) {
            if (i != 5) {
                receive(40000 + i, 160L * i, 9, 400 + 20L * i);
            }
        }
        Reception r = reception.snapshot(RATE);
        assertEquals(39, r.received());
        assertEquals(1, r.lost());
    }

    @Test
    void evenlySpacedPacketsHaveNoJitterAndUnevenOnesHave() {
        for (int i = 0; i < 50; i++) {
            receive(i, 160L * i, 7, 20L * i);
        }
        assertEquals(0.0, reception.snapshot(RATE).jitterMillis(), 1e-6);
        for (int i = 50; i < 400; i++) {
            receive(i, 160L * i, 7, 20L * i + (i % 2 == 0 ? 10 : 0));
        }
        // Every transit differs from the last by 10 ms: the estimate converges to 10 ms (RFC 3550 A.8).
        assertEquals(10.0, reception.snapshot(RATE).jitterMillis(), 0.1);
    }

    @Test
    void aLateDuplicateCountsAsReceivedWithoutMovingTheHighestNumber() {
        receive(10, 0, 7, 0);
        receive(11, 160, 7, 20);
        receive(12, 320, 7, 40);
        receive(11, 160, 7, 60);
        Reception r = reception.snapshot(RATE);
        assertEquals(4, r.received());
        assertEquals(0, r.lost());
    }
}
