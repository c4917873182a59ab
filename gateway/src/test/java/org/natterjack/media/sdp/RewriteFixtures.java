package org.natterjack.media.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Plans for rewriter tests. */
final class RewriteFixtures {

    static final InetAddress RELAY_V4 = address("203.0.113.5");
    static final InetAddress RELAY_V6 = address("2001:db8::5");

    private RewriteFixtures() {
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Relay ports 40000, 40002 ... for every enabled datagram stream, like the relay session does. */
    static RewritePlan plan(Sdp sdp, InetAddress relay) {
        List<StreamRewrite> streams = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaLine m = sdp.media().get(i).mline();
            streams.add(m.port() == 0 ? new StreamRewrite.Keep()
                    : !m.isDatagram() ? new StreamRewrite.Disable()
                    : new StreamRewrite.Relay(40000 + 2 * i, 40001 + 2 * i));
        }
        return new RewritePlan(relay, streams, true);
    }

    static Sdp rewriteEverything(Sdp sdp) {
        return SdpRewriter.rewrite(sdp, plan(sdp, RELAY_V4));
    }
}
