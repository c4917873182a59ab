package org.natterjack.tunnel.agent;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.natterjack.tunnel.carrier.FrameSender;
import org.natterjack.tunnel.login.ChannelBinding;
import org.natterjack.tunnel.login.LoginKey;
import org.natterjack.tunnel.login.Transcript;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameFormatException;
import org.natterjack.tunnel.wire.FrameType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of one tunnel connection: the login once the WebSocket is up (hello, proof over the certificate
 * the agent saw, the gateway's proof checked), then SIP both ways and pings. A gateway that cannot prove it holds
 * the user's key, or whose certificate is not the one it proves over, is not our gateway: the connection is closed.
 */
final class AgentSession extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    /** What the session reports to the agent. */
    interface Events {
        /**
         * Logged in.
         *
         * @param token what a later login names to resume this session's flow
         * @param resumed the gateway took up the flow of the token given at login (calls went on)
         */
        void opened(AgentSession session, String publicAddress, String token, boolean resumed);

        /** The gateway sees another public address than at login: the network changed under the agent. */
        void addressChanged(String was, String now);

        void sip(byte[] message);

        /** A stream opened or closed by the gateway ({@code open}, {@code close}). */
        void stream(ControlMessage message);

        /** An RTP or RTCP frame. */
        void media(Frame frame);
    }

    private final AgentOptions options;
    private final DeviceInstance device;
    private final FrameSender sender;
    private final Events events;
    private final Optional<String> resume;
    private Channel channel;
    private String clientNonce;
    private Transcript transcript;
    private LoginKey key;
    private String publicAddress;
    private boolean open;
    private long pings;

    AgentSession(AgentOptions options, DeviceInstance device, FrameSender sender, Optional<String> resume,
                 Events events) {
        this.options = options;
        this.device = device;
        this.sender = sender;
        this.resume = resume;
        this.events = events;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            channel = ctx.channel();
            clientNonce = LoginKey.nonce();
            InetSocketAddress own = (InetSocketAddress) channel.localAddress();
            ControlMessage hello = ControlMessage.of("hello", "version", "1", "user", options.user(),
                    "domain", options.domain(), "nonce", clientNonce, "binding", ChannelBinding.SERVER_END_POINT,
                    "device", device.mac(), "private-address", own.getAddress().getHostAddress() + ":" + own.getPort());
            send(resume.map(token -> hello.with("resume", token)).orElse(hello));
        } else if (event instanceof IdleStateEvent idle && open) {
            switch (idle.state()) {
                case READER_IDLE -> {
                    LOG.warn("Tunnel: nothing from the gateway for {} s, reconnecting",
                            options.deadAfter().toSeconds());
                    ctx.close();
                }
                case WRITER_IDLE -> send(ControlMessage.of("ping", "seq", Long.toString(++pings)));
                default -> { }
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame binary) throws Exception {
        Frame frame;
        try {
            frame = Frame.decode(ByteBufUtil.getBytes(binary.content()));
        } catch (FrameFormatException e) {
            LOG.warn("Tunnel: a broken frame from the gateway ({}), reconnecting", e.getMessage());
            ctx.close();
            return;
        }
        if (frame.type() == FrameType.SIP && open) {
            events.sip(frame.payload());
        } else if (frame.type().isMedia() && open) {
            events.media(frame);
        } else if (frame.type() == FrameType.CONTROL) {
            control(ctx, ControlMessage.decode(frame.payload()));
        }
    }

    private void control(ChannelHandlerContext ctx, ControlMessage message) throws SSLPeerUnverifiedException {
        switch (message.verb()) {
            case "challenge" -> {
                key = LoginKey.ofPassword(options.user(), message.require("realm"), options.password());
                transcript = new Transcript(options.user(), options.domain(), message.require("realm"), clientNonce,
                        message.require("nonce"), binding(ctx));
                send(ControlMessage.of("proof", "proof", key.clientProof(transcript)));
            }
            case "welcome" -> {
                if (transcript == null || !LoginKey.same(message.require("proof"), key.serverProof(transcript))) {
                    LOG.error("Tunnel: the gateway's proof is wrong: it is not the gateway that holds {}'s"
                            + " credentials, or a TLS middlebox sits between", options.user());
                    ctx.close();
                    return;
                }
                open = true;
                publicAddress = message.require("address");
                events.opened(this, publicAddress, message.require("session"),
                        Boolean.parseBoolean(message.field("resumed").orElse("false")));
            }
            case "refused" -> {
                LOG.error("Tunnel: the gateway refused the login: {}", message.field("reason").orElse("no reason"));
                ctx.close();
            }
            case "open", "close" -> events.stream(message);
            case "ping" -> send(ControlMessage.of("pong", "seq", message.field("seq").orElse("0")));
            case "pong" -> message.field("address").filter(a -> publicAddress != null && !a.equals(publicAddress))
                    .ifPresent(now -> events.addressChanged(publicAddress, now));
            default -> LOG.debug("Tunnel: ignored control message '{}'", message.verb());
        }
    }

    /** The binding over the certificate this connection's TLS handshake showed. */
    private static ChannelBinding binding(ChannelHandlerContext ctx) throws SSLPeerUnverifiedException {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        return ChannelBinding.serverEndPoint((X509Certificate) tls.engine().getSession().getPeerCertificates()[0]);
    }

    boolean isOpen() {
        return open && channel.isActive();
    }

    void send(Frame frame) {
        sender.send(frame);
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    private void send(ControlMessage message) {
        send(Frame.control(message.encode()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Tunnel: {}", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        ctx.close();
    }
}
