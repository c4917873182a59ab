package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The probe through the socket's receive buffer: its wait, its age while out, and when the next one goes. */
class ReceiveDelayTest {

    private static final long MS = 1_000_000;
    private final ReceiveDelay delay = new ReceiveDelay(42);

    @Test
    void aProbeThatCameBackGivesItsWait() {
        byte[] probe = delay.probeDue(0);
        assertNotNull(probe, "the first datagram sends a probe");

        assertTrue(delay.isProbe(probe, probe.length, 30 * MS));

        assertEquals(30, delay.delayMs(31 * MS));
    }

    @Test
    void aProbeStillOutCountsItsAgeAndNoSecondOneGoesOut() {
        byte[] first = delay.probeDue(0);
        delay.isProbe(first, first.length, 0);
        delay.probeDue(ReceiveDelay.INTERVAL_MS * MS);

        assertEquals(250, delay.delayMs((ReceiveDelay.INTERVAL_MS + 250) * MS));
        assertNull(delay.probeDue((ReceiveDelay.INTERVAL_MS + 250) * MS), "one probe at a time");
    }

    @Test
    void probesThatNeverComeBackAreNoMeasure() {
        for (int i = 0; i < 3; i++) {
            assertNotNull(delay.probeDue(i * ReceiveDelay.LOST_MS * MS));
        }

        assertEquals(2, delay.lostBeforeAnyBack(), "a firewall may drop a host's datagrams to itself");
        assertEquals(0, delay.delayMs(3 * ReceiveDelay.LOST_MS * MS), "not a full buffer: shed nothing");
    }

    @Test
    void theNextProbeWaitsForTheInterval() {
        byte[] probe = delay.probeDue(0);
        delay.isProbe(probe, probe.length, MS);

        assertNull(delay.probeDue((ReceiveDelay.INTERVAL_MS - 1) * MS));
        assertNotNull(delay.probeDue(ReceiveDelay.INTERVAL_MS * MS));
    }

    @Test
    void aLostProbeIsReplacedAndItsAgeKept() {
        byte[] first = delay.probeDue(0);
        delay.isProbe(first, first.length, MS);
        delay.probeDue(ReceiveDelay.INTERVAL_MS * MS);
        long lost = (ReceiveDelay.INTERVAL_MS + ReceiveDelay.LOST_MS) * MS;

        byte[] next = delay.probeDue(lost);

        assertNotNull(next, "a probe out for a second is taken as lost");
        assertEquals(ReceiveDelay.LOST_MS, delay.delayMs(lost), "it waited at least that long");
        assertEquals(0, delay.lostBeforeAnyBack());
        assertTrue(delay.isProbe(next, next.length, lost + 5 * MS));
        assertEquals(5, delay.delayMs(lost + 6 * MS));
    }

    @Test
    void aWaitMeasuredLongAgoSaysNothingAboutAnIdleSocketNow() {
        byte[] probe = delay.probeDue(0);
        delay.isProbe(probe, probe.length, 300 * MS);

        assertEquals(0, delay.delayMs(300 * MS + (ReceiveDelay.LOST_MS + 1) * MS));
    }

    @Test
    void onlyThisSocketsProbesAreProbes() {
        byte[] probe = delay.probeDue(0);
        byte[] foreign = new ReceiveDelay(7).probeDue(0);
        byte[] sip = "OPTIONS sip:a SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);

        assertFalse(delay.isProbe(foreign, foreign.length, MS));
        assertFalse(delay.isProbe(sip, sip.length, MS));
        assertFalse(delay.isProbe(probe, probe.length - 1, MS));
        assertTrue(delay.isProbe(probe, probe.length, MS));
    }
}
