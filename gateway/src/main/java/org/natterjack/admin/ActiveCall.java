package org.natterjack.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An anchored call as the relay sees it.
 *
 * @param answered the call was answered (the media timeout applies only then)
 * @param lastPacket when either party last sent a media packet the relay accepted
 */
public record ActiveCall(String callId, Instant started, boolean answered, boolean onHold,
                         Optional<Instant> lastPacket, List<MediaStream> streams) {

    public ActiveCall {
        streams = List.copyOf(streams);
    }

    /**
     * One party sends media and the other none: what an operator hears of as one-way audio. (Named as a
     * getter so that JSON shows it next to the components.)
     */
    public boolean isOneWayAudio() {
        return streams.stream().anyMatch(MediaStream::isOneWay);
    }

    /** One relayed {@code m=} line. */
    public record MediaStream(String media, MediaLeg caller, MediaLeg callee) {
        public boolean isOneWay() {
            return (caller.packetsIn() > 0) != (callee.packetsIn() > 0);
        }
    }

    /**
     * The relay's view of one party of one stream: "in" is what the party sent, "out" what it was sent.
     *
     * @param relayAddress the relay address the party sends to
     * @param latched the party's media source the relay latched to, if any yet
     * @param fractionLost loss the party reported in RTCP (0.0-1.0), if it sent RTCP
     * @param jitterMillis jitter the party reported in RTCP, if known
     */
    public record MediaLeg(String relayAddress, Optional<String> latched, long packetsIn, long packetsOut,
                           long dropped, Optional<Double> fractionLost, Optional<Double> jitterMillis) {
    }
}
