package org.natterjack.cdr;

/**
 * One direction of a call's audio: what one party sent, as it reached the other.
 *
 * @param packets RTP packets the relay received from the sending party
 * @param lossPercent packets lost on the way, in percent: the worse of what the relay counted from the sender
 *     and what the receiving party reported in RTCP
 * @param jitterMillis interarrival jitter, the worse of the relay's measurement and the receiver's report
 */
public record StreamQuality(long packets, double lossPercent, double jitterMillis) {

    public static final StreamQuality SILENT = new StreamQuality(0, 0, 0);

    /** The E-model's MOS for a listener of this direction. */
    public double mos() {
        return EModel.mos(lossPercent, jitterMillis);
    }
}
