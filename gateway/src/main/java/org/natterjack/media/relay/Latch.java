package org.natterjack.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Symmetric latching for one relay socket: which source the relay accepts media from and sends media
 * back to. Guards against media hijacking (RTP Bleed):
 * <ul>
 *   <li>only a valid packet (checked before) from an expected address may latch: the address the party
 *       signalled from (its NAT's public side) or the one its SDP names; with no expectation, any;</li>
 *   <li>the first such packet latches; later packets from other sources are dropped ...</li>
 *   <li>... unless signalling announced a change (a re-offer with a new address or port), or the latched
 *       source has been silent for the re-latch time (NAT rebinding).</li>
 * </ul>
 * Confined to the engine thread that owns the socket.
 */
final class Latch {

    enum Verdict { ACCEPTED, LATCHED, FOREIGN }

    private static final InetAddress[] ANY = new InetAddress[0];

    private InetSocketAddress source;
    private long lastSeen;
    private boolean pending;
    private InetAddress[] expected = ANY;

    Verdict admit(InetSocketAddress from, long now, long silenceMillis) {
        InetSocketAddress latched = source;
        if (latched != null && (from == latched || from.equals(latched))) {
            lastSeen = now;
            return Verdict.ACCEPTED;
        }
        if (!expects(from.getAddress())) {
            return Verdict.FOREIGN;
        }
        if (latched == null || pending || now - lastSeen >= silenceMillis) {
            source = from;
            lastSeen = now;
            pending = false;
            return Verdict.LATCHED;
        }
        return Verdict.FOREIGN;
    }

    private boolean expects(InetAddress address) {
        InetAddress[] allowed = expected;
        if (allowed.length == 0) {
            return true;
        }
        for (InetAddress a : allowed) {
            if (a.equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** The latched source, or null before the first valid packet. */
    InetSocketAddress source() {
        return source;
    }

    /** Signalling announced a new address: the next acceptable packet latches, whatever its source. */
    void allowRelatch() {
        if (source != null) {
            pending = true;
        }
    }

    /** Sources that may latch; empty means any. */
    void expect(InetAddress[] addresses) {
        expected = addresses.length == 0 ? ANY : addresses.clone();
    }
}
