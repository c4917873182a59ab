package org.natterjack.capture;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.natterjack.net.Transport;

/**
 * One SIP message as it crossed the wire, with where and when. The octets are the message as sent or received,
 * secrets included: what leaves the gateway goes through {@link Masking} first.
 *
 * @param sent true for a message the gateway sent
 * @param callId its Call-ID, empty if it has none that could be read
 */
public record CapturedMessage(Instant time, boolean sent, Transport transport, InetSocketAddress local,
                              InetSocketAddress remote, String callId, byte[] octets) {

    /** The request or status line. */
    public String firstLine() {
        int end = 0;
        while (end < octets.length && octets[end] != '\r' && octets[end] != '\n') {
            end++;
        }
        return new String(octets, 0, Math.min(end, 200), StandardCharsets.UTF_8);
    }

    /** The whole message as text, secrets masked. */
    public String maskedText() {
        return new String(Masking.mask(octets), StandardCharsets.UTF_8);
    }

    /** Where it came from: the remote party for a received message, the gateway for a sent one. */
    public InetSocketAddress source() {
        return sent ? local : remote;
    }

    public InetSocketAddress destination() {
        return sent ? remote : local;
    }
}
