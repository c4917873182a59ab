package org.natterjack.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an SDP body leniently where real agents differ (LF or CRLF, blank lines, missing {@code s=} or
 * {@code t=}, trailing spaces, unknown line types and attributes) and strictly where the relay depends on
 * it ({@code v=} first, {@code m=}, {@code c=} and {@code a=rtcp} well-formed). Any input ends either in an
 * {@link Sdp} or in an {@link SdpException}; nothing else is thrown.
 */
final class SdpParser {

    private SdpParser() {
    }

    static Sdp parse(byte[] body, SdpLimits limits) throws SdpException {
        if (body == null || body.length == 0) {
            throw SdpException.malformed("empty body");
        }
        if (body.length > limits.maxBytes()) {
            throw SdpException.malformed("body of " + body.length + " bytes exceeds " + limits.maxBytes());
        }
        List<SdpLine> lines = split(new String(body, StandardCharsets.ISO_8859_1), limits);
        List<SdpLine> session = new ArrayList<>();
        List<List<SdpLine>> media = new ArrayList<>();
        boolean versionSeen = false;
        for (int n = 0; n < lines.size(); n++) {
            SdpLine line = lines.get(n);
            if (!line.isBlank()) {
                check(line, n + 1);
                if (!versionSeen) {
                    if (line.type() != 'v') {
                        throw SdpException.malformed("line " + (n + 1) + ": SDP must begin with v=");
                    }
                    if (!line.value().trim().equals("0")) {
                        throw SdpException.malformed("unsupported version v=" + Connection.excerpt(line.value()));
                    }
                    versionSeen = true;
                } else if (line.type() == 'v') {
                    throw SdpException.malformed("line " + (n + 1) + ": second v= line");
                }
                if (line.type() == 'm') {
                    if (media.size() == limits.maxMedia()) {
                        throw SdpException.notAcceptable("more than " + limits.maxMedia() + " media streams");
                    }
                    media.add(new ArrayList<>());
                }
            }
            if (media.isEmpty()) {
                session.add(line);
            } else {
                media.get(media.size() - 1).add(line);
            }
        }
        if (!versionSeen) {
            throw SdpException.malformed("no v= line");
        }
        List<SdpMedia> parsed = new ArrayList<>(media.size());
        for (List<SdpLine> m : media) {
            parsed.add(SdpMedia.of(m));
        }
        return new Sdp(session, parsed, sessionConnection(session));
    }

    static Optional<Connection> sessionConnection(List<SdpLine> session) throws SdpException {
        Optional<Connection> found = Optional.empty();
        for (SdpLine line : session) {
            if (line.type() == 'c') {
                if (found.isPresent()) {
                    throw SdpException.notAcceptable("more than one session-level c= line");
                }
                found = Optional.of(Connection.parse(line.value()));
            }
        }
        return found;
    }

    /** Splits at CRLF, LF or a lone CR, keeping each line's terminator. */
    private static List<SdpLine> split(String text, SdpLimits limits) throws SdpException {
        List<SdpLine> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = i;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                add(lines, text.substring(start, end), text.substring(end, i), limits);
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            add(lines, text.substring(start), "", limits);
        }
        return lines;
    }

    private static void add(List<SdpLine> lines, String text, String eol, SdpLimits limits) throws SdpException {
        if (lines.size() == limits.maxLines()) {
            throw SdpException.malformed("more than " + limits.maxLines() + " lines");
        }
        if (text.length() > limits.maxLineLength()) {
            throw SdpException.malformed("line " + (lines.size() + 1) + " is longer than " + limits.maxLineLength());
        }
        lines.add(new SdpLine(text, eol));
    }

    private static void check(SdpLine line, int number) throws SdpException {
        String text = line.text();
        char type = text.charAt(0);
        if (text.length() < 2 || type < 'a' || type > 'z' || text.charAt(1) != '=') {
            throw SdpException.malformed("line " + number + " is not of the form x=value");
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw SdpException.malformed("line " + number + " holds a control character");
            }
        }
    }
}
