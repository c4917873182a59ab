package org.natterjack.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media description: its {@code m=} line and every line up to the next one, as received.
 *
 * @param lines the lines, the {@code m=} line first
 * @param mline the parsed {@code m=} line
 * @param connection the media-level {@code c=} line, if any (the session-level one applies otherwise)
 * @param rtcp the {@code a=rtcp:} attribute, if any
 */
public record SdpMedia(List<SdpLine> lines, MediaLine mline, Optional<Connection> connection,
                       Optional<RtcpAttribute> rtcp) {

    public SdpMedia {
        lines = List.copyOf(lines);
    }

    /** Parses lines already checked line by line; the first must be the {@code m=} line. */
    static SdpMedia of(List<SdpLine> lines) throws SdpException {
        MediaLine mline = MediaLine.parse(lines.get(0).value());
        Optional<Connection> connection = Optional.empty();
        Optional<RtcpAttribute> rtcp = Optional.empty();
        for (SdpLine line : lines.subList(1, lines.size())) {
            if (line.type() == 'c') {
                if (connection.isPresent()) {
                    throw SdpException.notAcceptable("more than one c= line in a media description");
                }
                connection = Optional.of(Connection.parse(line.value()));
            } else if (line.isAttribute("rtcp") && line.attributeValue().isPresent()) {
                rtcp = Optional.of(RtcpAttribute.parse(line.attributeValue().get()));
            }
        }
        return new SdpMedia(lines, mline, connection, rtcp);
    }

    public boolean hasAttribute(String name) {
        return lines.stream().anyMatch(l -> l.isAttribute(name));
    }

    /** {@code a=rtcp-mux} (RFC 5761): RTCP shares the RTP port. */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** The media-level direction attribute, if any. */
    public Optional<Direction> direction() {
        return lines.stream().map(Direction::of).flatMap(Optional::stream).findFirst();
    }

    /**
     * The RTP clock rate of the first format, from its {@code a=rtpmap} or the static payload types of
     * RFC 3551 (8000 for PCMU, GSM, G723, PCMA, G722, G728, G729); empty if unknown.
     */
    public OptionalInt clockRate() {
        if (mline.formats().isEmpty()) {
            return OptionalInt.empty();
        }
        String pt = mline.formats().get(0);
        for (SdpLine line : lines) {
            Optional<String> value = line.isAttribute("rtpmap") ? line.attributeValue() : Optional.empty();
            if (value.isPresent() && value.get().startsWith(pt + " ")) {
                OptionalInt rate = rtpmapClockRate(value.get().substring(pt.length() + 1).trim());
                if (rate.isPresent()) {
                    return rate;
                }
            }
        }
        return switch (pt) {
            case "0", "3", "4", "8", "9", "15", "18" -> OptionalInt.of(8000);
            default -> OptionalInt.empty();
        };
    }

    /** The clock rate in an rtpmap's {@code encoding/rate[/channels]}, if it is 1 to 7 digits. */
    private static OptionalInt rtpmapClockRate(String codec) {
        int from = codec.indexOf('/') + 1;
        int to = codec.indexOf('/', from);
        to = to < 0 ? codec.length() : to;
        if (from == 0 || to - from < 1 || to - from > 7) {
            return OptionalInt.empty();
        }
        for (int i = from; i < to; i++) {
            if (codec.charAt(i) < '0' || codec.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(Integer.parseInt(codec, from, to, 10));
    }
}
