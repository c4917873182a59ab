package org.natterjack.media.relay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one relay session for the status interface; immutable.
 *
 * @param confirmed the call was answered ({@link RelaySession#confirm()}); only then does the media
 *     timeout apply
 * @param onHold the latest SDP of a party puts every stream on hold
 * @param lastPacket when the relay last accepted a packet from either party, if ever
 */
public record SessionStats(String callId, Instant created, boolean confirmed, boolean onHold,
                           Optional<Instant> lastPacket, List<StreamStats> streams) {

    public SessionStats {
        streams = List.copyOf(streams);
    }

    /** Packets accepted from both parties over all streams. */
    public long packetsIn() {
        return streams.stream().mapToLong(s -> s.caller().packetsIn() + s.callee().packetsIn()).sum();
    }

    /** Packets dropped for any reason over all streams. */
    public long dropped() {
        return streams.stream().mapToLong(s -> drops(s.caller()) + drops(s.callee())).sum();
    }

    private static long drops(LegStats l) {
        return l.droppedForeign() + l.droppedInvalid() + l.droppedNoDestination() + l.sendFailures();
    }
}
