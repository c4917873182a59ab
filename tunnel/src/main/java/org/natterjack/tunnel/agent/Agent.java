package org.natterjack.tunnel.agent;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.natterjack.tunnel.carrier.EventLoops;
import org.natterjack.tunnel.carrier.FrameSender;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-side agent: a local SIP listener for unmodified applications, and one tunnel to the gateway that it
 * keeps up (reconnecting with backoff, at once when the public address changed). Everything runs on one event
 * loop thread.
 */
final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AgentOptions options;
    private final DeviceInstance device;
    private final EventLoopGroup loop;
    private final SslContext tls;
    private final AgentMedia media;
    private final ReRegistrar reRegistrar;
    private final SipRelay relay;
    /** Set by {@link #start}; applications can send nothing before it. */
    private LocalListener local;
    private volatile AgentSession session;
    /** The last session's token: the next login asks to resume its flow. */
    private Optional<String> resume = Optional.empty();
    private Duration backoff = Duration.ofSeconds(1);
    private Set<InetAddress> addresses = Set.of();
    private volatile boolean closed;

    Agent(AgentOptions options, DeviceInstance device) throws SSLException {
        this.options = options;
        this.device = device;
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("natterjack-agent", false),
                EventLoops.ioHandler());
        SslContextBuilder builder = SslContextBuilder.forClient().protocols("TLSv1.3");
        options.fingerprint().ifPresent(pin -> builder.trustManager(new PinnedCertificate(pin)));
        this.tls = builder.build();
        this.media = new AgentMedia(options.listen().getAddress(), loop, this::toGateway);
        this.reRegistrar = new ReRegistrar(options.user(), options.password(),
                message -> toGateway(Frame.sip(message)));
        this.relay = new SipRelay(options.listen(), device, media, reRegistrar,
                message -> toGateway(Frame.sip(message)), new Applications() {
                    @Override
                    public void send(InetSocketAddress target, boolean overTcp, byte[] message) {
                        local.send(target, overTcp, message);
                    }

                    @Override
                    public void bindContact(InetSocketAddress contact, InetSocketAddress source) {
                        local.bindContact(contact, source);
                    }
                });
    }

    /** Binds the local SIP port (UDP and TCP) and starts connecting. */
    void start() throws InterruptedException {
        local = LocalListener.bind(loop, options.listen(), relay::fromApplication);
        LOG.info("Agent: SIP applications use {} (UDP and TCP) as their outbound proxy", options.listen());
        addresses = localAddresses();
        loop.scheduleAtFixedRate(this::watchAddresses, 2, 2, TimeUnit.SECONDS);
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        InetSocketAddress gateway = options.gateway();
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(EventLoops.socket())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, FrameSender.WATER_MARK)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        pipeline(channel);
                    }
                });
        InetSocketAddress target = gateway;
        if (options.proxy().isPresent()) {
            // The proxy resolves the gateway's name, as a browser's would.
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
            target = InetSocketAddress.createUnresolved(gateway.getHostString(), gateway.getPort());
        }
        bootstrap.connect(target).addListener(connected -> {
            if (!connected.isSuccess()) {
                LOG.warn("Tunnel: cannot reach {}: {}", describe(gateway), connected.cause().getMessage());
                reconnectLater();
            }
        });
    }

    private void pipeline(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        options.proxy().ifPresent(proxy -> pipeline.addLast(new HttpProxyHandler(proxy)));
        InetSocketAddress gateway = options.gateway();
        SslHandler handler = tls.newHandler(channel.alloc(), gateway.getHostString(), gateway.getPort());
        if (options.fingerprint().isEmpty()) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        pipeline.addLast(handler);
        pipeline.addLast(new HttpClientCodec());
        pipeline.addLast(new HttpObjectAggregator(8192));
        pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("wss://" + describe(gateway) + "/tunnel"))
                .maxFramePayloadLength(Frame.HEADER_BYTES + Frame.MAX_PAYLOAD_BYTES)
                .build()));
        pipeline.addLast(new IdleStateHandler(options.deadAfter().toMillis(), options.ping().toMillis(), 0,
                TimeUnit.MILLISECONDS));
        FrameSender sender = new FrameSender(EventLoops.mediaBatchMicros());
        pipeline.addLast(sender);
        pipeline.addLast(new AgentSession(options, device, sender, resume, new AgentSession.Events() {
            @Override
            public void opened(AgentSession opened, String publicAddress, String token, boolean resumed) {
                session = opened;
                resume = Optional.of(token);
                backoff = Duration.ofSeconds(1);
                media.publicAddress(AgentCommand.hostPort(publicAddress, 1).getAddress());
                if (!resumed) {
                    media.closeAll(); // the gateway let the calls' media go
                }
                reRegistrar.replayAll();
                LOG.info("Tunnel to {} open as {}, seen from public address {}{}", describe(gateway),
                        options.user(), publicAddress, resumed ? ", calls resumed" : "");
            }

            @Override
            public void addressChanged(String was, String now) {
                LOG.info("Tunnel: the public address changed from {} to {}, reconnecting", was, now);
                backoff = Duration.ZERO;
                channel.close();
            }

            @Override
            public void sip(byte[] message) {
                relay.fromTunnel(message);
            }

            @Override
            public void stream(ControlMessage message) {
                if (message.verb().equals("open")) {
                    media.open(message);
                } else {
                    media.close(message);
                }
            }

            @Override
            public void media(Frame frame) {
                media.fromGateway(frame);
            }
        }));
        channel.closeFuture().addListener(ended -> {
            if (session != null && !session.isOpen()) {
                session = null;
            }
            LOG.info("Tunnel to {} closed ({} RTP frames dropped late, {} for a full queue)", describe(gateway),
                    sender.lateDropped(), sender.overflowDropped());
            reconnectLater();
        });
    }

    /**
     * A new or lost local address (another network, a VPN coming up) may mean another way out: the tunnel is
     * made again at once rather than when its pings fail.
     */
    private void watchAddresses() {
        Set<InetAddress> now = localAddresses();
        if (now.equals(addresses)) {
            return;
        }
        addresses = now;
        AgentSession current = session;
        if (current != null && current.isOpen()) {
            LOG.info("Tunnel: the local addresses changed to {}, reconnecting", now);
            backoff = Duration.ZERO;
            current.close();
        }
    }

    /** The addresses of the interfaces that are up, loopback aside. */
    private static Set<InetAddress> localAddresses() {
        try {
            return NetworkInterface.networkInterfaces().filter(Agent::isUsable)
                    .flatMap(NetworkInterface::inetAddresses).collect(Collectors.toSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }

    private static boolean isUsable(NetworkInterface nif) {
        try {
            return nif.isUp() && !nif.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        Duration wait = backoff;
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        loop.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void toGateway(Frame frame) {
        AgentSession current = session;
        if (current != null && current.isOpen()) {
            current.send(frame);
        } else {
            LOG.debug("Tunnel down: dropped {} from an application (SIP retransmits)", frame);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        closed = true;
        AgentSession current = session;
        if (current != null) {
            current.close();
        }
        if (local != null) {
            local.close();
        }
        loop.execute(media::closeAll);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
