package org.natterjack.media.sdp;

import java.util.Optional;

/** The direction attribute of a stream (RFC 3264 section 5.1); {@link #SENDRECV} when none is given. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The direction an {@code a=} line names, if it is one of the four direction attributes. */
    static Optional<Direction> of(SdpLine line) {
        if (line.type() != 'a' || line.attributeValue().isPresent()) {
            return Optional.empty();
        }
        return switch (line.attributeName().toLowerCase(java.util.Locale.ROOT)) {
            case "sendrecv" -> Optional.of(SENDRECV);
            case "sendonly" -> Optional.of(SENDONLY);
            case "recvonly" -> Optional.of(RECVONLY);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }
}
