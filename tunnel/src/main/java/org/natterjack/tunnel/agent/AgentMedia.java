package org.natterjack.tunnel.agent;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.natterjack.media.sdp.RewritePlan;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;
import org.natterjack.media.sdp.SdpRewriter;
import org.natterjack.media.sdp.StreamRewrite;
import org.natterjack.tunnel.carrier.EventLoops;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's media (docs/tunnel.md, "Media"): for each stream the gateway opens, a local RTP/RTCP port pair that
 * the application sends to and hears from, and whose packets cross the tunnel on the stream's channel. The SDP the
 * application sees points at these ports; the SDP the gateway sees names no address of this side (the public
 * address and the discard port), since the relay hands the stream's packets to the tunnel, never to a socket.
 * Confined to the agent's event loop thread.
 */
final class AgentMedia implements SipRelay.SdpRewrites {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMedia.class);
    /** RFC 863 discard: the port the gateway's SDP gets for streams it must not send to. */
    private static final int DISCARD = 9;
    private static final int LOWEST_PORT = 40000;
    private static final int PORT_RANGE = 20000;

    private final InetAddress local;
    private final EventLoopGroup loop;
    private final Consumer<Frame> toGateway;
    private final Map<Integer, LocalStream> byChannel = new HashMap<>();
    private final Map<String, LocalStream> byRelayAddress = new HashMap<>();
    /** The application's media address per call and m= line, as its SDP named it. */
    private final Map<String, InetSocketAddress> applicationMedia = new HashMap<>();
    private InetAddress publicAddress;

    AgentMedia(InetAddress local, EventLoopGroup loop, Consumer<Frame> toGateway) {
        this.local = local;
        this.loop = loop;
        this.toGateway = toGateway;
    }

    /** The address the gateway sees this side at (from {@code welcome}): what the gateway's SDP gets. */
    void publicAddress(InetAddress address) {
        publicAddress = address;
    }

    /** The gateway opened a stream. */
    void open(ControlMessage open) {
        int channel = Integer.parseInt(open.require("channel"));
        String relay = open.require("address");
        String key = open.require("call-id") + ' ' + open.require("index");
        LocalStream existing = byRelayAddress.get(relay);
        if (existing != null) {
            existing.close();
        }
        try {
            LocalStream stream = new LocalStream(channel, relay, key);
            byChannel.put(channel, stream);
            byRelayAddress.put(relay, stream);
            stream.application = applicationMedia.get(key);
        } catch (IOException e) {
            LOG.warn("Tunnel: no local ports for a stream of call {}: {}", open.require("call-id"), e.getMessage());
        }
    }

    /** The gateway closed a stream (its call ended). */
    void close(ControlMessage close) {
        LocalStream stream = byChannel.get(Integer.parseInt(close.require("channel")));
        if (stream != null) {
            stream.close();
        }
    }

    /** An RTP or RTCP frame from the gateway. */
    void fromGateway(Frame frame) {
        LocalStream stream = byChannel.get(frame.channel());
        if (stream != null) {
            stream.toApplication(frame.payload(), frame.type() == FrameType.RTCP);
        }
    }

    /** Every stream, when the agent stops. */
    void closeAll() {
        new ArrayList<>(byChannel.values()).forEach(LocalStream::close);
    }

    @Override
    public byte[] fromGateway(String callId, byte[] body) {
        Optional<Sdp> parsed = parse(body);
        if (parsed.isEmpty()) {
            return body;
        }
        Sdp sdp = parsed.get();
        List<StreamRewrite> plan = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < sdp.media().size(); i++) {
            int port = sdp.media().get(i).mline().port();
            String address = sdp.connectionOf(i).map(c -> c.address()).orElse("");
            LocalStream stream = byRelayAddress.get(address + ":" + port);
            if (port > 0 && stream != null) {
                plan.add(new StreamRewrite.Relay(stream.rtpPort(), stream.rtpPort() + 1));
                any = true;
            } else {
                plan.add(new StreamRewrite.Keep());
            }
        }
        return any ? SdpRewriter.rewrite(sdp, new RewritePlan(local, plan, false)).toBytes() : body;
    }

    @Override
    public byte[] fromApplication(String callId, byte[] body) {
        Optional<Sdp> parsed = parse(body);
        if (parsed.isEmpty()) {
            return body;
        }
        Sdp sdp = parsed.get();
        List<StreamRewrite> plan = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            int port = sdp.media().get(i).mline().port();
            Optional<InetAddress> address = sdp.connectionOf(i).flatMap(c -> c.literal());
            String key = callId + ' ' + i;
            if (port > 0 && address.isPresent() && !address.get().isAnyLocalAddress()) {
                InetSocketAddress application = new InetSocketAddress(address.get(), port);
                applicationMedia.put(key, application);
                byChannel.values().stream().filter(s -> s.key.equals(key)).forEach(s -> s.application = application);
            }
            plan.add(port > 0 ? new StreamRewrite.Relay(DISCARD, DISCARD + 1) : new StreamRewrite.Keep());
        }
        InetAddress toward = publicAddress != null ? publicAddress : local;
        return SdpRewriter.rewrite(sdp, new RewritePlan(toward, plan, false)).toBytes();
    }

    /** The body as SDP; empty for one the agent cannot read, which then passes unchanged. */
    private static Optional<Sdp> parse(byte[] body) {
        try {
            return Optional.of(Sdp.parse(body));
        } catch (SdpException e) {
            return Optional.empty();
        }
    }

    /** The local ports of one stream, facing the application. */
    private final class LocalStream {
        final int channel;
        final String relay;
        final String key;
        final Channel rtp;
        final Channel rtcp;
        /** Where the application's SDP said it receives; replaced by where its packets come from. */
        InetSocketAddress application;
        InetSocketAddress applicationRtcp;

        LocalStream(int channel, String relay, String key) throws IOException {
            this.channel = channel;
            this.relay = relay;
            this.key = key;
            Channel[] pair = bindPair();
            this.rtp = register(pair[0], false);
            this.rtcp = register(pair[1], true);
        }

        int rtpPort() {
            return ((InetSocketAddress) rtp.localAddress()).getPort();
        }

        private Channel register(Channel channel, boolean isRtcp) {
            channel.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                    heard(ByteBufUtil.getBytes(packet.content()), packet.sender(), isRtcp);
                }
            });
            loop.register(channel);
            return channel;
        }

        /** A packet from the application on one of the stream's ports. */
        void heard(byte[] packet, InetSocketAddress from, boolean isRtcp) {
            if (application != null && !from.getAddress().equals(application.getAddress())) {
                return; // only the application's own host speaks for it
            }
            if (isRtcp) {
                applicationRtcp = from;
            } else {
                application = from;
            }
            toGateway.accept(Frame.media(isRtcp ? FrameType.RTCP : FrameType.RTP, channel, packet));
        }

        void toApplication(byte[] packet, boolean isRtcp) {
            InetSocketAddress to = isRtcp ? applicationRtcp != null ? applicationRtcp : rtcpOf(application)
                    : application;
            if (to != null) {
                (isRtcp ? rtcp : rtp).writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
            }
        }

        void close() {
            byChannel.remove(channel, this);
            byRelayAddress.remove(relay, this);
            rtp.close();
            rtcp.close();
        }
    }

    private static InetSocketAddress rtcpOf(InetSocketAddress rtp) {
        return rtp == null ? null : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    /** An even port and the odd one above it (RTP and RTCP, RFC 3550), from a random start. */
    private Channel[] bindPair() throws IOException {
        int start = ThreadLocalRandom.current().nextInt(PORT_RANGE / 2) * 2;
        for (int i = 0; i < 64; i++) {
            try {
                return EventLoops.boundPair(local, LOWEST_PORT + (start + 2 * i) % PORT_RANGE);
            } catch (IOException taken) {
                // the next pair
            }
        }
        throw new IOException("no free even/odd port pair on " + local.getHostAddress());
    }
}
