package org.natterjack.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.Optional;
import java.util.function.Predicate;
import org.natterjack.media.sdp.Connection;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpRewriter;

/**
 * Whether the proxy should anchor a call's media, decided on the call's first offer.
 *
 * <p>The rule: anchor when the relay is enabled and a party is behind NAT, or the families of the two
 * parties differ (v4/v6 bridging), or policy says always, <em>unless</em> the offer already points at a
 * Natterjack relay. A relay marks every body it rewrites with the session attribute
 * {@code a=natterjack-relay}; an offer whose media address and port are one of our own relay sockets is
 * treated the same (it went out through us and came back). The address alone is not enough: a party on
 * the gateway's own host (Asterisk, say) writes the same address with its own ports. So of two chained gateways only the first
 * anchors; its relay latches both parties, the NATed callee of the second gateway included (the proxy
 * passes no expected source for a party it does not signal with directly).
 */
public enum AnchorDecision {
    /** Open a session and pass every offer and answer of the call through it. */
    ANCHOR,
    /** Nobody is behind NAT and policy does not ask for it: leave the SDP alone. */
    NOT_NEEDED,
    /** Another Natterjack relay (or ours) already anchors this media: leave the SDP alone. */
    ALREADY_ANCHORED,
    /** {@code relay.enabled} is false. */
    DISABLED;

    public boolean anchor() {
        return this == ANCHOR;
    }

    /**
     * @param ours recognises an advertised address and port of our relay
     * @param offer the first offer of the call (INVITE body, or the 200's for a late offer), parsed; empty
     *     for none or a body that does not parse, which gives ANCHOR when anchoring would be needed, so that
     *     the offer is then refused with the parse error, else NOT_NEEDED (not our business)
     */
    static AnchorDecision decide(boolean enabled, boolean alwaysAnchor, Predicate<InetSocketAddress> ours,
                                 Optional<Sdp> offer, boolean offererNated, boolean answererNated,
                                 Optional<ProtocolFamily> answererFamily) {
        if (!enabled) {
            return DISABLED;
        }
        boolean needed = alwaysAnchor || offererNated || answererNated;
        if (offer.isEmpty()) {
            return needed ? ANCHOR : NOT_NEEDED;
        }
        Sdp sdp = offer.get();
        boolean bridging = answererFamily.isPresent() && familyDiffers(sdp, answererFamily.get());
        boolean anchored = sdp.hasSessionAttribute(SdpRewriter.ANCHORED) || pointsAt(sdp, ours);
        if (anchored && !bridging) {
            return ALREADY_ANCHORED;
        }
        return needed || bridging ? ANCHOR : NOT_NEEDED;
    }

    private static boolean familyDiffers(Sdp sdp, ProtocolFamily family) {
        String want = family == StandardProtocolFamily.INET6 ? "IP6" : "IP4";
        for (int i = 0; i < sdp.media().size(); i++) {
            Optional<Connection> c = sdp.connectionOf(i);
            if (sdp.media().get(i).mline().port() != 0 && c.isPresent() && !c.get().isHold()) {
                return !c.get().addrType().equals(want);
            }
        }
        return false;
    }

    private static boolean pointsAt(Sdp sdp, Predicate<InetSocketAddress> ours) {
        for (int i = 0; i < sdp.media().size(); i++) {
            Optional<InetAddress> address = sdp.connectionOf(i).flatMap(Connection::literal);
            int port = sdp.media().get(i).mline().port();
            if (address.isPresent() && port > 0 && ours.test(new InetSocketAddress(address.get(), port))) {
                return true;
            }
        }
        return false;
    }
}
