package org.natterjack.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.natterjack.media.sdp.Connection;
import org.natterjack.media.sdp.MediaLine;
import org.natterjack.media.sdp.RtcpAttribute;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpMedia;
import org.natterjack.net.PrivateNetworks;

/**
 * What one party's SDP says about one stream, worked out on the signalling thread (allocation is fine
 * there) and handed to the engine thread, which applies it to the party's {@link Leg}.
 *
 * @param key address and port as written, to notice a change
 * @param rtpTo where RTP goes before the party's own packets latch; null when unknown (host name, hold,
 *     other address family than the leg)
 * @param rtcpTo the same for RTCP ({@code a=rtcp}, else RTP port + 1)
 * @param expected sources allowed to latch: the address the party signalled from and the one its SDP
 *     names; empty (any source) when the signalling source is unknown
 */
record Signal(int index, String key, boolean hold, InetSocketAddress rtpTo, InetSocketAddress rtcpTo,
              InetAddress[] expected, boolean mux, MediaLine mline, int clockRate) {

    static Signal of(Sdp sdp, int index, RelayInterface iface, Optional<InetAddress> sender) {
        SdpMedia media = sdp.media().get(index);
        Connection c = sdp.connectionOf(index).orElseThrow();
        int port = media.mline().port();
        InetAddress address = usable(c, iface);
        if (address != null && behindNat(address, sender)) {
            // A private address from a party that signals from a public one is its side of a NAT: nothing
            // sent there arrives, so the relay waits for the party's own packets to latch.
            address = null;
        }
        InetSocketAddress rtpTo = address == null ? null : new InetSocketAddress(address, port);
        InetSocketAddress rtcpTo = null;
        if (media.rtcp().isPresent()) {
            RtcpAttribute rtcp = media.rtcp().get();
            InetAddress rtcpAddress = rtcp.connection().map(r -> usable(r, iface)).orElse(address);
            rtcpTo = rtcpAddress == null || rtcp.port() == 0 ? null : new InetSocketAddress(rtcpAddress, rtcp.port());
        } else if (address != null && port < 65535) {
            rtcpTo = new InetSocketAddress(address, port + 1);
        }
        Set<InetAddress> expected = new LinkedHashSet<>();
        if (sender.isPresent() && iface.accepts(sender.get())) {
            // A sender of the other family (signalling over v6, media over v4) says nothing about the media
            // source: then, as without a sender, the first valid packet latches.
            expected.add(sender.get());
            if (address != null) {
                expected.add(address);
            }
        }
        return new Signal(index, c.address() + " " + port, c.isHold(), rtpTo, rtcpTo,
                expected.toArray(new InetAddress[0]), media.rtcpMux(), media.mline(), media.clockRate().orElse(0));
    }

    private static boolean behindNat(InetAddress sdpAddress, Optional<InetAddress> sender) {
        return sender.isPresent() && PrivateNetworks.isPrivate(sdpAddress) && !PrivateNetworks.isPrivate(sender.get());
    }

    private static InetAddress usable(Connection c, RelayInterface iface) {
        return c.literal().filter(a -> !a.isAnyLocalAddress() && iface.accepts(a)).orElse(null);
    }

    void applyTo(Leg leg) {
        leg.signal(key, hold, rtpTo, rtcpTo, expected);
    }
}
