package org.natterjack.tunnel.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.natterjack.tunnel.carrier.EventLoops;
import org.natterjack.tunnel.carrier.FrameSender;
import org.natterjack.tunnel.wire.Frame;

/**
 * The tunnel's listener: TLS 1.3, HTTP/1.1, the WebSocket upgrade at {@code /tunnel}, then one
 * {@link GatewaySession} per connection. Two event-loop threads serve every session.
 */
final class TunnelServer implements AutoCloseable {

    static final String PATH = "/tunnel";

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;

    private TunnelServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
    }

    static TunnelServer start(InetSocketAddress address, TunnelCertificate certificate, GatewaySession.Shared shared)
            throws SSLException, InterruptedException {
        SslContext tls = SslContextBuilder.forServer(certificate.key(), certificate.chain())
                .protocols("TLSv1.3").build();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("natterjack-tunnel-accept",
                true), EventLoops.ioHandler());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("natterjack-tunnel",
                true), EventLoops.ioHandler());
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .maxFramePayloadLength(Frame.HEADER_BYTES + Frame.MAX_PAYLOAD_BYTES)
                .handshakeTimeoutMillis(shared.settings().loginWithin().toMillis())
                .build();
        long dead = shared.settings().deadAfter().toMillis();
        long ping = shared.settings().ping().toMillis();
        try {
            Channel listener = new ServerBootstrap().group(boss, workers)
                    .channel(EventLoops.serverSocket())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, FrameSender.WATER_MARK)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            pipeline.addLast(tls.newHandler(channel.alloc()));
                            pipeline.addLast(new HttpServerCodec());
                            pipeline.addLast(new HttpObjectAggregator(8192));
                            pipeline.addLast(new WebSocketServerProtocolHandler(webSocket));
                            pipeline.addLast(new IdleStateHandler(dead, ping, 0, TimeUnit.MILLISECONDS));
                            FrameSender sender = new FrameSender(EventLoops.mediaBatchMicros());
                            pipeline.addLast(sender);
                            pipeline.addLast(new GatewaySession(shared, sender));
                        }
                    })
                    .bind(address).sync().channel();
            return new TunnelServer(boss, workers, listener);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
