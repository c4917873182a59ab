package org.natterjack.tunnel.agent;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.natterjack.tunnel.carrier.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's SIP port for local applications, over UDP and TCP on the same address (loopback unless told
 * otherwise: nothing outside reaches it). Confined to the agent's event loop thread.
 */
final class LocalListener implements Applications, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalListener.class);

    /** What the listener hands over: one message and where it came from. */
    interface Receiver {
        void received(byte[] message, InetSocketAddress source, boolean overTcp);
    }

    private final Channel udp;
    private final Channel tcp;
    private final Map<InetSocketAddress, Channel> connections = new HashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> contacts = new HashMap<>();

    private LocalListener(Channel udp, Channel tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Binds both ports (blocking: not on the event loop). */
    static LocalListener bind(EventLoopGroup loop, InetSocketAddress address, Receiver receiver)
            throws InterruptedException {
        Channel udp = new Bootstrap().group(loop).channel(EventLoops.datagram())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        receiver.received(ByteBufUtil.getBytes(packet.content()), packet.sender(), false);
                    }
                })
                .bind(address).sync().channel();
        LocalListener[] self = new LocalListener[1];
        Channel tcp;
        try {
            tcp = new ServerBootstrap().group(loop).channel(EventLoops.serverSocket())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new SipStreamDecoder());
                            channel.pipeline().addLast(new SimpleChannelInboundHandler<byte[]>() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    self[0].connections.put(channel.remoteAddress(), channel);
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    self[0].forget(channel);
                                }

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, byte[] message) {
                                    receiver.received(message, channel.remoteAddress(), true);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    LOG.debug("Closing the application's connection from {}: {}",
                                            channel.remoteAddress(), cause.toString());
                                    ctx.close();
                                }
                            });
                        }
                    })
                    .bind(address).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            udp.close();
            throw e;
        }
        self[0] = new LocalListener(udp, tcp);
        return self[0];
    }

    @Override
    public void send(InetSocketAddress target, boolean overTcp, byte[] message) {
        if (overTcp) {
            Channel connection = connections.get(target);
            if (connection == null) {
                connection = connections.get(contacts.get(target));
            }
            if (connection != null) {
                connection.writeAndFlush(Unpooled.wrappedBuffer(message));
            } else {
                LOG.debug("No connection from the application at {}: dropped a message for it", target);
            }
            return;
        }
        udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message), target));
    }

    @Override
    public void bindContact(InetSocketAddress contact, InetSocketAddress source) {
        contacts.put(contact, source);
    }

    private void forget(Channel connection) {
        InetSocketAddress remote = (InetSocketAddress) connection.remoteAddress();
        connections.remove(remote, connection);
        contacts.values().removeIf(remote::equals);
    }

    @Override
    public void close() {
        udp.close();
        tcp.close();
        connections.values().forEach(Channel::close);
    }
}
