package org.natterjack.cdr;

/**
 * The ITU-T G.107 E-model, simplified the way RTCP-XR reporters and VoIPmonitor apply it to a received stream:
 * the rating factor R from the default basic signal-to-noise ratio (R0 93.2), the delay impairment of the
 * estimated mouth-to-ear delay and the effective equipment impairment of the codec under random loss, then
 * the mean opinion score from R (G.107 annex B). The codec is taken to be G.711 with packet loss concealment
 * (Ie 0, Bpl 25.1, G.113 appendix I); other codecs score as if they were G.711.
 */
final class EModel {

    private static final double R0 = 93.2;
    private static final double IE = 0;
    private static final double BPL = 25.1;
    /** 20 ms of audio per packet, the usual packetization. */
    private static final double PACKETIZATION_MS = 20;
    /** A jitter buffer holds at least this much, and twice the jitter when that is more. */
    private static final double MIN_BUFFER_MS = 20;

    private EModel() {
    }

    /** The MOS (1.0-4.5) of a stream received with this loss and jitter. */
    static double mos(double lossPercent, double jitterMillis) {
        return mosOf(rating(lossPercent, jitterMillis));
    }

    static double rating(double lossPercent, double jitterMillis) {
        double delay = PACKETIZATION_MS + Math.max(MIN_BUFFER_MS, 2 * jitterMillis);
        double id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double loss = Math.max(0, Math.min(100, lossPercent));
        double ieEff = IE + (95 - IE) * loss / (loss + BPL);
        return R0 - id - ieEff;
    }

    /** G.107 annex B: R to MOS. */
    static double mosOf(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }
}
