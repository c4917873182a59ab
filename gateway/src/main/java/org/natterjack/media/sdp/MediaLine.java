package org.natterjack.media.sdp;

import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code m=} line: {@code audio 49170 RTP/AVP 0 8 101}.
 *
 * @param media {@code audio}, {@code video}, {@code image} ...
 * @param port 0 for a disabled stream
 * @param portCount the {@code /n} after the port (hierarchical coding); 1 when absent
 * @param proto the transport protocol ({@code RTP/AVP}, {@code RTP/SAVPF}, {@code udptl}, {@code TCP/MSRP} ...)
 * @param formats payload types or format names; may be empty in real-world SDP rejecting a stream
 */
public record MediaLine(String media, int port, int portCount, String proto, List<String> formats) {

    public MediaLine {
        formats = List.copyOf(formats);
    }

    /** Parses the value of an {@code m=} line. */
    public static MediaLine parse(String value) throws SdpException {
        String[] f = SdpLine.fields(value);
        if (f.length < 3 || f[0].isEmpty()) {
            throw SdpException.malformed("m= needs media, port and protocol");
        }
        String portText = f[1];
        int portCount = 1;
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            portCount = number(portText.substring(slash + 1), 1, 65535, "m= port count");
            portText = portText.substring(0, slash);
        }
        int port = number(portText, 0, 65535, "m= port");
        return new MediaLine(f[0], port, portCount, f[2], List.of(f).subList(3, f.length));
    }

    /** RTP in any profile (AVP, SAVP, AVPF, SAVPF, with or without UDP/TLS in front). */
    public boolean isRtp() {
        return proto.toUpperCase(Locale.ROOT).contains("RTP/");
    }

    /** DTLS-protected (UDP/TLS/RTP/SAVP(F)): DTLS handshake packets share the ports with SRTP. */
    public boolean isDtls() {
        return proto.toUpperCase(Locale.ROOT).contains("TLS");
    }

    /** Carried over UDP, so a datagram relay can anchor it (everything except TCP-based protocols). */
    public boolean isDatagram() {
        return !proto.toUpperCase(Locale.ROOT).startsWith("TCP");
    }

    /** Plain RTP whose RTCP is readable (not SRTCP, whose report blocks are encrypted). */
    public boolean hasClearRtcp() {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.equals("RTP/AVP") || p.equals("RTP/AVPF");
    }

    /**
     * The same {@code m=} line text with another port; everything else (spacing, port count, formats) is
     * kept as written.
     */
    static String withPort(String lineText, int newPort) {
        int i = 2; // after "m="
        while (i < lineText.length() && isSpace(lineText.charAt(i))) {
            i++;
        }
        while (i < lineText.length() && !isSpace(lineText.charAt(i))) {
            i++; // media
        }
        while (i < lineText.length() && isSpace(lineText.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < lineText.length() && Character.isDigit(lineText.charAt(i))) {
            i++;
        }
        return lineText.substring(0, start) + newPort + lineText.substring(i);
    }

    static int number(String text, int min, int max, String what) throws SdpException {
        if (text.isEmpty() || text.length() > 5) {
            throw SdpException.malformed(what + " " + Connection.excerpt(text) + " is not a number");
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw SdpException.malformed(what + " " + Connection.excerpt(text) + " is not a number");
            }
            value = value * 10 + (c - '0');
        }
        if (value < min || value > max) {
            throw SdpException.malformed(what + " " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
