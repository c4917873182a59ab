package org.natterjack.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceQualityTest {

    private static RelayedMedia.Party sent(long packets, long lost) {
        return new RelayedMedia.Party(packets, lost, 1.0, Optional.empty(), Optional.empty());
    }

    private static VoiceQuality quality(RelayedMedia.Party caller, RelayedMedia.Party callee) {
        return VoiceQuality.of(new RelayedMedia(Optional.empty(), Optional.empty(),
                Optional.of(new RelayedMedia.Audio(caller, callee)))).orElseThrow();
    }

    @Test
    void audioOneWayOnlyIsFlaggedAndCountsAsPoor() {
        VoiceQuality q = quality(sent(500, 0), sent(0, 0));
        assertTrue(q.oneWayAudio());
        assertTrue(q.poor());
        assertEquals(4.39, q.mos().orElseThrow(), 0.01, "the direction that flowed was clean");
        assertFalse(quality(sent(500, 0), sent(480, 0)).oneWayAudio());
        assertFalse(quality(sent(20, 0), sent(0, 0)).oneWayAudio(), "too little to tell");
    }

    @Test
    void theWorseDirectionGivesTheScore() {
        VoiceQuality q = quality(sent(950, 50), sent(1000, 0));
        assertEquals(5.0, q.fromCaller().lossPercent(), 1e-9);
        assertEquals(3.88, q.mos().orElseThrow(), 0.01);
        assertFalse(q.poor());
        assertTrue(quality(sent(800, 200), sent(1000, 0)).poor(), "20 % loss: MOS 2.6");
    }

    @Test
    void lossTheReceiverReportsBeyondTheRelayCounts() {
        // The relay got every packet of the caller, but the callee's RTCP says 100 of them never reached it.
        RelayedMedia.Party callee = new RelayedMedia.Party(1000, 0, 1.0, Optional.of(100), Optional.of(30.0));
        VoiceQuality q = quality(sent(900, 0), callee);
        assertEquals(10.0, q.fromCaller().lossPercent(), 1e-9);
        assertEquals(30.0, q.fromCaller().jitterMillis(), 1e-9);
    }

    @Test
    void noStreamNoQualityAndNoPacketsNoScore() {
        assertTrue(VoiceQuality.of(new RelayedMedia(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty());
        assertTrue(quality(sent(0, 0), sent(0, 0)).mos().isEmpty());
    }
}
