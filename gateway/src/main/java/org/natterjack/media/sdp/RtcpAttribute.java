package org.natterjack.media.sdp;

import java.util.Optional;

/**
 * A parsed {@code a=rtcp:} attribute (RFC 3605): the RTCP port, optionally with its own address.
 *
 * @param port the RTCP port
 * @param connection the address, when the attribute names one
 */
public record RtcpAttribute(int port, Optional<Connection> connection) {

    /** Parses the value after {@code a=rtcp:}: {@code 53020} or {@code 53020 IN IP4 126.16.64.4}. */
    public static RtcpAttribute parse(String value) throws SdpException {
        String v = value.trim();
        int space = indexOfSpace(v);
        if (space < 0) {
            return new RtcpAttribute(MediaLine.number(v, 0, 65535, "a=rtcp port"), Optional.empty());
        }
        int port = MediaLine.number(v.substring(0, space), 0, 65535, "a=rtcp port");
        return new RtcpAttribute(port, Optional.of(Connection.parse(v.substring(space + 1))));
    }

    private static int indexOfSpace(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == ' ' || v.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
