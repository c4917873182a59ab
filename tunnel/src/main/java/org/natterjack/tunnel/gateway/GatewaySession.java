package org.natterjack.tunnel.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.SipConnections;
import org.natterjack.plugin.SipCredentials;
import org.natterjack.tunnel.api.TunnelSession;
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
 * One agent's connection, from its first frame to its close (docs/tunnel.md): the login (hello, challenge, proof,
 * welcome), then SIP into the gateway as a carried connection, and pings. Anything against the protocol closes the
 * connection with one log line; the other sessions are not affected. Runs on the connection's event loop.
 */
final class GatewaySession extends SimpleChannelInboundHandler<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);

    /** What every session shares. */
    record Shared(TunnelSettings settings, SipCredentials credentials, SipConnections sip, MediaCarriers relay,
                  ChannelBinding binding, TunnelSessions sessions, TunnelFlows flows) {
    }

    private enum State { AWAIT_HELLO, AWAIT_PROOF, OPEN, CLOSED }

    private final Shared shared;
    private final FrameSender sender;
    private State state = State.AWAIT_HELLO;
    private Channel channel;
    private InetSocketAddress remote;
    private String user;
    private ControlMessage hello;
    private LoginKey key;
    private boolean tunnelAllowed;
    private Transcript transcript;
    private volatile TunnelFlow flow;
    private volatile Instant since;
    private final LongAdder pings = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final TunnelFlow.Link link = new TunnelFlow.Link() {
        @Override
        public void send(Frame frame) {
            GatewaySession.this.send(frame);
        }

        @Override
        public void close() {
            channel.close();
        }
    };

    GatewaySession(Shared shared, FrameSender sender) {
        this.shared = shared;
        this.sender = sender;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        remote = (InetSocketAddress) channel.remoteAddress();
        ctx.executor().schedule(() -> {
            if (state == State.AWAIT_HELLO || state == State.AWAIT_PROOF) {
                refuse("not logged in within " + shared.settings().loginWithin().toSeconds() + " s");
            }
        }, shared.settings().loginWithin().toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FullHttpRequest request) {
            // Not the WebSocket upgrade at /tunnel: nothing else is served here.
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(message instanceof BinaryWebSocketFrame binary)) {
            if (message instanceof WebSocketFrame) {
                refuse("a text frame (the tunnel speaks binary frames only)");
            }
            return;
        }
        bytesIn.add(binary.content().readableBytes());
        try {
            receive(Frame.decode(ByteBufUtil.getBytes(binary.content())));
        } catch (FrameFormatException e) {
            refuse(e.getMessage());
        }
    }

    private void receive(Frame frame) {
        switch (state) {
            case AWAIT_HELLO -> hello(control(frame));
            case AWAIT_PROOF -> proof(control(frame));
            case OPEN -> {
                if (frame.type() == FrameType.SIP) {
                    sip(frame.payload());
                } else if (frame.type() == FrameType.CONTROL) {
                    openControl(ControlMessage.decode(frame.payload()));
                } else {
                    flow.media(frame);
                }
            }
            case CLOSED -> { }
        }
    }

    private ControlMessage control(Frame frame) {
        if (frame.type() != FrameType.CONTROL) {
            throw new FrameFormatException(frame.type() + " frame before the login ended");
        }
        return ControlMessage.decode(frame.payload());
    }

    private void hello(ControlMessage hello) {
        expect(hello, "hello");
        if (!"1".equals(hello.require("version"))) {
            refuse("version " + hello.require("version") + " (this gateway speaks 1)");
            return;
        }
        if (!ChannelBinding.SERVER_END_POINT.equals(hello.require("binding"))) {
            refuse("channel binding " + hello.require("binding") + " (this gateway offers "
                    + ChannelBinding.SERVER_END_POINT + ")");
            return;
        }
        this.hello = hello;
        user = hello.require("user");
        String domain = hello.require("domain");
        if (shared.credentials().isBlocked(remote.getAddress())) {
            refuse("too many failed logins from " + remote.getAddress().getHostAddress());
            return;
        }
        var account = shared.credentials().find(user, domain);
        tunnelAllowed = account.map(SipCredentials.Account::tunnelAllowed).orElse(false);
        // An unknown user is answered as a known one, with a key nobody holds: the proof fails the same way.
        key = account.map(a -> LoginKey.ofHa1(a.sha256Ha1())).orElseGet(LoginKey::unguessable);
        String realm = account.map(SipCredentials.Account::realm).orElseGet(shared.credentials()::realm);
        transcript = new Transcript(user, domain, realm, hello.require("nonce"), LoginKey.nonce(), shared.binding());
        state = State.AWAIT_PROOF;
        send(ControlMessage.of("challenge", "realm", realm, "nonce", transcript.serverNonce(),
                "algorithm", "SHA-256"));
    }

    private void proof(ControlMessage proof) {
        expect(proof, "proof");
        if (!LoginKey.same(proof.require("proof"), key.clientProof(transcript))) {
            shared.credentials().recordFailure(remote.getAddress(), user);
            send(ControlMessage.of("refused", "reason", "wrong credentials"));
            refuse("wrong proof for " + user + " (a wrong password, or not the certificate the agent saw)");
            return;
        }
        if (!tunnelAllowed) {
            send(ControlMessage.of("refused", "reason", "not allowed to tunnel"));
            refuse(user + " is not allowed to tunnel (natterjack user set " + user + " --tunnel allow)");
            return;
        }
        flow = hello.field("resume").flatMap(token -> shared.flows().resumable(token, user))
                .filter(parked -> parked.attach(link)).orElse(null);
        boolean resumed = flow != null;
        if (!resumed) {
            try {
                flow = new TunnelFlow(user, LoginKey.nonce(), remote, shared.sip(), shared.relay(), link);
            } catch (IllegalStateException e) {
                refuse(e.getMessage());
                return;
            }
            shared.flows().add(flow);
        }
        state = State.OPEN;
        since = Instant.now();
        shared.sessions().opened(this);
        // The welcome goes before anything the resumed flow held: the sender sends control frames first.
        send(ControlMessage.of("welcome", "proof", key.serverProof(transcript), "address", address(remote),
                "ping-seconds", Long.toString(shared.settings().ping().toSeconds()), "session", flow.token(),
                "resumed", Boolean.toString(resumed)));
        LOG.info("Tunnel session of {} from {} {}", user, address(remote),
                resumed ? "resumed its flow, with " + flow.openChannels() + " media stream(s)" : "opened");
    }

    private void sip(byte[] message) {
        var refusal = OwnAorOnly.refusal(message, user);
        if (refusal.isPresent()) {
            LOG.info("Tunnel session of {} from {}: refused a REGISTER for another user", user, address(remote));
            send(Frame.sip(refusal.get()));
            return;
        }
        flow.fromAgent(message);
    }

    private void openControl(ControlMessage message) {
        switch (message.verb()) {
            case "ping" -> {
                pings.increment();
                send(ControlMessage.of("pong", "seq", message.field("seq").orElse("0"),
                        "address", address(remote)));
            }
            case "pong" -> { }
            case "bye" -> channel.close();
            default -> refuse("control message '" + message.verb() + "' in an open session");
        }
    }

    private void expect(ControlMessage message, String verb) {
        if (!message.verb().equals(verb)) {
            throw new FrameFormatException("'" + message.verb() + "' where '" + verb + "' was due");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && state == State.OPEN) {
            switch (idle.state()) {
                case READER_IDLE -> {
                    LOG.info("Tunnel session of {} from {}: nothing received for {} s, closing", user,
                            address(remote), shared.settings().deadAfter().toSeconds());
                    channel.close();
                }
                case WRITER_IDLE -> send(ControlMessage.of("ping", "seq", "0"));
                default -> { }
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state == State.OPEN) {
            LOG.info("Tunnel session of {} from {} closed ({} RTP frames dropped late, {} for a full queue)", user,
                    address(remote), sender.lateDropped(), sender.overflowDropped());
        }
        state = State.CLOSED;
        shared.sessions().closed(this);
        if (flow != null) {
            flow.detach(link, ctx.channel().eventLoop(), shared.settings().resumeWithin());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Tunnel connection from {}: {}", remote, cause.toString());
        ctx.close();
    }

    /** Closes the connection with one log line. */
    private void refuse(String why) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.info("Tunnel connection from {}{} closed: {}", address(remote), user == null ? "" : " (" + user + ")",
                why);
        state = State.CLOSED;
        // After the frames queued so far (a refused message): the sender drains on this same thread.
        channel.eventLoop().execute(() ->
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
    }

    private void send(ControlMessage message) {
        send(Frame.control(message.encode()));
    }

    private void send(Frame frame) {
        bytesOut.add(Frame.HEADER_BYTES + frame.payload().length);
        sender.send(frame);
    }

    /** The session as the web admin shows it; null before the login ended. */
    TunnelSession snapshot() {
        Instant start = since;
        TunnelFlow current = flow;
        if (current == null || start == null) {
            return null;
        }
        return new TunnelSession(user, hello.field("device").orElse(""), address(remote),
                hello.field("private-address").orElse(""), start, pings.sum(), bytesIn.sum(), bytesOut.sum(),
                current.openChannels());
    }

    private static String address(InetSocketAddress address) {
        return IpLiteral.uriHost(address.getAddress()) + ":" + address.getPort();
    }
}
