package org.natterjack.media.relay;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay sockets of one stream facing one party: an RTP and an RTCP socket on an even/odd port pair,
 * what that party signalled, and its counters. Packet handling is a sequence of small steps over the one
 * packet buffer: classify (RTP or RTCP) → check validity → check the source (latch) → account → read RTCP
 * reports → forward out of the peer leg. Everything but the final fields is confined to the engine thread.
 */
final class Leg implements RtcpReader.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(Leg.class);
    private static final int BIND_ATTEMPTS = 8;

    final Side side;
    final RelayInterface iface;
    final PortPair ports;
    final LegSocket rtp;
    final LegSocket rtcp;
    private RelayStream stream;
    private Leg peer;

    private InetSocketAddress sdpRtp;
    private InetSocketAddress sdpRtcp;
    private InetSocketAddress rtcpFallback;
    private String signalled;
    /** Set while a plug-in carries this party's media instead of the sockets. */
    private MediaCarrier carrier;

    private long packetsIn;
    private long bytesIn;
    private long packetsOut;
    private long bytesOut;
    private long droppedForeign;
    private long droppedInvalid;
    private long droppedNoDestination;
    private long sendFailures;
    private long latchEvents;
    private final RtpReception reception = new RtpReception();
    long lastPacketAt = Long.MIN_VALUE;
    private boolean reported;
    private int fractionLost;
    private int cumulativeLost;
    private long jitter;
    private boolean foreignLogged;
    private boolean failureLogged;

    private Leg(Side side, RelayInterface iface, PortPair ports, DatagramChannel rtp, DatagramChannel rtcp) {
        this.side = side;
        this.iface = iface;
        this.ports = ports;
        this.rtp = new LegSocket(this, false, rtp);
        this.rtcp = new LegSocket(this, true, rtcp);
    }

    /**
     * Takes a port pair from the interface's pool and binds both sockets (non-blocking, not yet registered).
     * A pair some other process holds is skipped.
     *
     * @return empty when the pool is exhausted
     * @throws IOException when binding fails for another reason (the address is not on this host)
     */
    static Optional<Leg> open(Side side, RelayInterface iface) throws IOException {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Optional<PortPair> pair = iface.pool().acquire();
            if (pair.isEmpty()) {
                return Optional.empty();
            }
            DatagramChannel rtp = null;
            DatagramChannel rtcp = null;
            try {
                rtp = bind(iface, pair.get().rtp());
                rtcp = bind(iface, pair.get().rtcp());
                return Optional.of(new Leg(side, iface, pair.get(), rtp, rtcp));
            } catch (BindException inUse) {
                closeQuietly(rtp);
                iface.pool().release(pair.get());
                LOG.debug("Relay port pair {} on {} is taken by another process; skipping it", pair.get(), iface);
            } catch (IOException | RuntimeException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
                iface.pool().release(pair.get());
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
        return Optional.empty();
    }

    private static DatagramChannel bind(RelayInterface iface, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(iface.family());
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(iface.bind(), port));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void attach(RelayStream owner, Leg other) {
        this.stream = owner;
        this.peer = other;
    }

    /** Closes both sockets; the caller returns the ports once the selector has let go of them. */
    void close() {
        closeQuietly(rtp.channel);
        closeQuietly(rtcp.channel);
        if (carrier != null) {
            carrier.ended();
            carrier = null;
        }
    }

    /** From now on this party's media comes from and goes to {@code by}, not the sockets. */
    void carry(MediaCarrier by) {
        if (carrier != null && carrier != by) {
            carrier.ended();
        }
        carrier = by;
        LOG.debug("Call {} stream {}: {} media carried by {}", stream.callId, stream.index, side, by);
    }

    void release(MediaCarrier by) {
        if (carrier == by) {
            carrier = null;
        }
    }

    /** One packet the carrier {@code by} handed in for this leg's party. */
    void handleCarried(MediaCarrier by, byte[] bytes, boolean rtcpPacket, long now, PacketTotals totals) {
        if (carrier != by) {
            return;
        }
        ByteBuffer packet = ByteBuffer.wrap(bytes);
        RelayStream s = stream;
        boolean isRtcp = rtcpPacket || (s.mux && PacketKind.isRtcp(packet));
        if (!s.kind.valid(packet, isRtcp)) {
            droppedInvalid++;
            totals.droppedInvalid();
            return;
        }
        packetsIn++;
        bytesIn += packet.remaining();
        lastPacketAt = now;
        if (s.kind.isRtp(packet, isRtcp)) {
            reception.received(packet, System.nanoTime(), s.clockRate);
        }
        if (isRtcp && s.clearRtcp) {
            RtcpReader.read(packet, this);
        }
        peer.send(packet, isRtcp, totals);
    }

    /**
     * Takes what the party signalled for this stream. A changed address or port lets both sockets
     * re-latch to the next acceptable packet; a hold address ({@code c=0.0.0.0}) is no change.
     *
     * @param key the address and port as written in the SDP, to notice changes (also for host names)
     * @param rtpTo where to send RTP until the party's own packets latch (null: nowhere)
     * @param rtcpTo where to send RTCP until then
     * @param expected the sources that may latch; empty for any
     */
    void signal(String key, boolean hold, InetSocketAddress rtpTo, InetSocketAddress rtcpTo, InetAddress[] expected) {
        if (!hold) {
            if (signalled != null && !signalled.equals(key)) {
                rtp.latch.allowRelatch();
                rtcp.latch.allowRelatch();
                LOG.debug("Call {} stream {}: {} signalled a new media address {}; re-latching",
                        stream.callId, stream.index, side, key);
            }
            signalled = key;
        }
        sdpRtp = hold ? null : rtpTo;
        sdpRtcp = hold ? null : rtcpTo;
        rtp.latch.expect(expected);
        rtcp.latch.expect(expected);
    }

    /** One datagram from this leg's party; {@code packet} holds it between position and limit. */
    void handle(LegSocket socket, InetSocketAddress from, ByteBuffer packet, long now, PacketTotals totals) {
        RelayStream s = stream;
        boolean isRtcp = socket.rtcpPort || (s.mux && PacketKind.isRtcp(packet));
        if (!s.kind.valid(packet, isRtcp)) {
            droppedInvalid++;
            totals.droppedInvalid();
            return;
        }
        if (carrier != null) {
            // Carried by a plug-in (a tunnel): nothing from the network may stand in for this party.
            droppedForeign++;
            totals.droppedForeign();
            logForeign(from, "its media is carried by a tunnel");
            return;
        }
        switch (socket.latch.admit(from, now, s.relatchMillis)) {
            case FOREIGN -> {
                droppedForeign++;
                totals.droppedForeign();
                logForeign(from, "not the latched or expected source");
                return;
            }
            case LATCHED -> latched(socket, from);
            case ACCEPTED -> {
            }
        }
        packetsIn++;
        bytesIn += packet.remaining();
        lastPacketAt = now;
        if (s.kind.isRtp(packet, isRtcp)) {
            reception.received(packet, System.nanoTime(), s.clockRate);
        }
        if (isRtcp && s.clearRtcp) {
            RtcpReader.read(packet, this);
        }
        peer.send(packet, isRtcp, totals);
    }

    /** Sends a packet from the other party to this leg's party. */
    private void send(ByteBuffer packet, boolean isRtcp, PacketTotals totals) {
        if (carrier != null) {
            byte[] bytes = new byte[packet.remaining()];
            packet.get(bytes);
            try {
                carrier.send(bytes, isRtcp);
            } catch (RuntimeException e) {
                sendFailures++;
                totals.sendFailed();
                return;
            }
            packetsOut++;
            bytesOut += bytes.length;
            totals.forwarded(bytes.length);
            return;
        }
        LegSocket via;
        InetSocketAddress to;
        InetSocketAddress rtpSource = rtp.latch.source();
        if (!isRtcp || stream.mux) {
            via = rtp;
            to = rtpSource != null ? rtpSource : sdpRtp;
        } else {
            via = rtcp;
            InetSocketAddress rtcpSource = rtcp.latch.source();
            to = rtcpSource != null ? rtcpSource : rtpSource != null ? rtcpFallback : sdpRtcp;
        }
        if (to == null) {
            droppedNoDestination++;
            totals.droppedNoDestination();
            return;
        }
        int length = packet.remaining();
        try {
            if (via.channel.send(packet, to) == 0) {
                sendFailures++;
                totals.sendFailed();
                return;
            }
        } catch (IOException e) {
            sendFailures++;
            totals.sendFailed();
            logFailure("sending to " + to, e);
            return;
        }
        packetsOut++;
        bytesOut += length;
        totals.forwarded(length);
    }

    private void latched(LegSocket socket, InetSocketAddress from) {
        latchEvents++;
        if (!socket.rtcpPort) {
            rtcpFallback = new InetSocketAddress(from.getAddress(), from.getPort() + 1);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Call {} stream {}: {} {} latched to {}", stream.callId, stream.index, side,
                    socket.rtcpPort ? "RTCP" : "RTP", from);
        }
    }

    @Override
    public void report(int fraction, int cumulative, long jitterUnits) {
        reported = true;
        fractionLost = fraction;
        cumulativeLost = cumulative;
        jitter = jitterUnits;
    }

    void receiveFailed(IOException e) {
        logFailure("receiving", e);
    }

    private void logForeign(InetSocketAddress from, String why) {
        if (!foreignLogged) {
            foreignLogged = true;
            LOG.info("Call {} stream {}: dropping media from {} on the {} side ({}); further drops are only"
                    + " counted", stream.callId, stream.index, from, side, why);
        }
    }

    private void logFailure(String what, IOException e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("Call {} stream {}: {} side failed {}: {}", stream.callId, stream.index, side, what, e.toString());
        }
    }

    LegStats stats() {
        return new LegStats(side, new InetSocketAddress(iface.advertised(), ports.rtp()),
                Optional.ofNullable(rtp.latch.source()), packetsIn, bytesIn, packetsOut, bytesOut,
                droppedForeign, droppedInvalid, droppedNoDestination, sendFailures, latchEvents,
                reception.snapshot(stream.clockRate), reported
                        ? Optional.of(new RtcpReport(fractionLost / 256.0, cumulativeLost, jitter, stream.clockRate))
                        : Optional.empty());
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a relay socket failed: {}", e.toString());
            }
        }
    }
}
