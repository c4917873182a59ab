package org.natterjack.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 8866) as a list of lines kept exactly as received: the session-level part
 * ({@code v=} up to the first {@code m=}) and the media descriptions. {@link #toBytes()} of a parsed body
 * gives the body back byte for byte; {@link SdpRewriter} replaces only the lines it must.
 *
 * <p>Bytes are mapped one to one onto characters (ISO-8859-1), so UTF-8 in {@code s=} or {@code i=} and
 * anything else survives untouched.
 *
 * @param session the session-level lines, {@code v=} first (blank lines before it included)
 * @param media the media descriptions in order
 * @param connection the session-level {@code c=} line, if any
 */
public record Sdp(List<SdpLine> session, List<SdpMedia> media, Optional<Connection> connection) {

    public Sdp {
        session = List.copyOf(session);
        media = List.copyOf(media);
    }

    /** Parses a body within {@link SdpLimits#DEFAULT}. */
    public static Sdp parse(byte[] body) throws SdpException {
        return SdpParser.parse(body, SdpLimits.DEFAULT);
    }

    public static Sdp parse(byte[] body, SdpLimits limits) throws SdpException {
        return SdpParser.parse(body, limits);
    }

    /** Parses text whose characters are all below U+0100 (test fixtures, mostly). */
    public static Sdp parse(String text) throws SdpException {
        return SdpParser.parse(text.getBytes(StandardCharsets.ISO_8859_1), SdpLimits.DEFAULT);
    }

    /** Builds a description from lines that are known to be valid (the rewriter's output). */
    static Sdp of(List<SdpLine> session, List<List<SdpLine>> media) {
        try {
            List<SdpMedia> parsed = new ArrayList<>(media.size());
            for (List<SdpLine> lines : media) {
                parsed.add(SdpMedia.of(lines));
            }
            return new Sdp(session, parsed, SdpParser.sessionConnection(session));
        } catch (SdpException e) {
            throw new IllegalStateException("rewritten SDP is invalid: " + e.reason(), e);
        }
    }

    /** The connection that applies to media description {@code index}: its own, else the session's. */
    public Optional<Connection> connectionOf(int index) {
        return media.get(index).connection().or(this::connection);
    }

    /** The direction that applies to media description {@code index} (RFC 3264: media level wins). */
    public Direction directionOf(int index) {
        return media.get(index).direction().or(this::sessionDirection).orElse(Direction.SENDRECV);
    }

    /** True if a session-level attribute of this name is present. */
    public boolean hasSessionAttribute(String name) {
        return session.stream().anyMatch(l -> l.isAttribute(name));
    }

    /**
     * True if every enabled stream is on hold: direction other than sendrecv, or {@code c=0.0.0.0}. No
     * media flows, or only one way, so the relay may see silence for long.
     */
    public boolean isOnHold() {
        boolean anyEnabled = false;
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).mline().port() == 0) {
                continue;
            }
            anyEnabled = true;
            boolean held = directionOf(i) != Direction.SENDRECV
                    || connectionOf(i).map(Connection::isHold).orElse(false);
            if (!held) {
                return false;
            }
        }
        return anyEnabled;
    }

    /** The body as bytes, exactly as received for a parsed body. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body as text (one character per byte). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(512);
        for (SdpLine line : session) {
            out.append(line.text()).append(line.eol());
        }
        for (SdpMedia m : media) {
            for (SdpLine line : m.lines()) {
                out.append(line.text()).append(line.eol());
            }
        }
        return out.toString();
    }

    private Optional<Direction> sessionDirection() {
        return session.stream().map(Direction::of).flatMap(Optional::stream).findFirst();
    }
}
