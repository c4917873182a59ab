package org.natterjack.cdr;

import java.util.Optional;

/**
 * The voice quality of a relayed call, from its audio stream: each direction's packets, loss and jitter, the
 * estimated MOS of the worse direction, and whether the audio went one way only.
 *
 * @param mos the lower of the two directions' MOS; empty when no audio flowed either way
 * @param oneWayAudio one party sent audio ({@value #HEARD} packets or more, a second of speech) while the other
 *     sent fewer than {@value #SILENT_BELOW}: the symptom of a NAT or firewall that lets media through one way
 */
public record VoiceQuality(StreamQuality fromCaller, StreamQuality fromCallee, Optional<Double> mos,
                           boolean oneWayAudio) {

    /** Below this MOS a call counts as poor (ITU-T G.109: "many users dissatisfied" lies under 3.6). */
    public static final double POOR_MOS = 3.6;
    static final int HEARD = 50;
    static final int SILENT_BELOW = 5;

    /** The quality of the relay's audio stream; empty when there was none. */
    public static Optional<VoiceQuality> of(RelayedMedia media) {
        return media.audio().map(a -> {
            StreamQuality fromCaller = direction(a.caller(), a.callee());
            StreamQuality fromCallee = direction(a.callee(), a.caller());
            Optional<Double> mos = fromCaller.packets() == 0 && fromCallee.packets() == 0 ? Optional.empty()
                    : Optional.of(Math.min(fromCaller.packets() > 0 ? fromCaller.mos() : 4.5,
                    fromCallee.packets() > 0 ? fromCallee.mos() : 4.5));
            boolean oneWay = fromCaller.packets() >= HEARD && fromCallee.packets() < SILENT_BELOW
                    || fromCallee.packets() >= HEARD && fromCaller.packets() < SILENT_BELOW;
            return new VoiceQuality(fromCaller, fromCallee, mos, oneWay);
        });
    }

    /** Audio from {@code sender} to {@code receiver}, with what the receiver reported in RTCP. */
    private static StreamQuality direction(RelayedMedia.Party sender, RelayedMedia.Party receiver) {
        long packets = sender.packets();
        long expected = packets + sender.lost();
        double loss = expected == 0 ? 0 : 100.0 * sender.lost() / expected;
        if (receiver.reportedLost().isPresent()) {
            long reported = Math.max(0, receiver.reportedLost().get());
            if (packets + reported > 0) {
                loss = Math.max(loss, 100.0 * reported / (packets + reported));
            }
        }
        double jitter = Math.max(sender.jitterMillis(), receiver.reportedJitterMillis().orElse(0.0));
        return new StreamQuality(packets, loss, jitter);
    }

    /** Poor: a MOS under {@link #POOR_MOS}, or one-way audio. */
    public boolean poor() {
        return oneWayAudio || mos.map(m -> m < POOR_MOS).orElse(false);
    }
}
