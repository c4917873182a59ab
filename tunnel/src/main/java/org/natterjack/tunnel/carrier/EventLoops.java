package org.natterjack.tunnel.carrier;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Netty's native epoll transport where it runs (Linux on x86-64, whose native library ships with Natterjack), NIO
 * elsewhere. Epoll's timers fire to the microsecond; NIO's event loop spins through the last half millisecond
 * before each, which the media batching of {@link FrameSender} would pay once a millisecond (measured in
 * bench/tunnel: it cost the batching side more than the batching saved).
 */
public final class EventLoops {

    private static final boolean EPOLL = Epoll.isAvailable();

    private EventLoops() {
    }

    public static IoHandlerFactory ioHandler() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public static Class<? extends ServerSocketChannel> serverSocket() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socket() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagram() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * Two datagram channels bound now to {@code address} on {@code port} and {@code port + 1} (RTP and RTCP), not yet
     * registered with a loop: the caller knows at once whether the ports were free, even on the event loop's own
     * thread. The sockets are bound before they become channels, since a channel never registered cannot be closed.
     *
     * @throws IOException when either port cannot be bound (nothing is left open then)
     */
    public static Channel[] boundPair(InetAddress address, int port) throws IOException {
        if (EPOLL) {
            Socket rtp = Socket.newSocketDgram();
            Socket rtcp = Socket.newSocketDgram();
            try {
                rtp.bind(new InetSocketAddress(address, port));
                rtcp.bind(new InetSocketAddress(address, port + 1));
            } catch (IOException e) {
                rtp.close();
                rtcp.close();
                throw e;
            }
            return new Channel[] {new EpollDatagramChannel(rtp.intValue()), new EpollDatagramChannel(rtcp.intValue())};
        }
        java.nio.channels.DatagramChannel rtp = java.nio.channels.DatagramChannel.open();
        java.nio.channels.DatagramChannel rtcp = java.nio.channels.DatagramChannel.open();
        try {
            rtp.bind(new InetSocketAddress(address, port));
            rtcp.bind(new InetSocketAddress(address, port + 1));
        } catch (IOException e) {
            rtp.close();
            rtcp.close();
            throw e;
        }
        return new Channel[] {new NioDatagramChannel(rtp), new NioDatagramChannel(rtcp)};
    }

    /**
     * How long {@link FrameSender} lets media wait for the frames behind it: a millisecond with epoll's precise
     * timers; nothing with NIO's, whose wait would cost more than the batching saves.
     */
    public static long mediaBatchMicros() {
        return EPOLL ? FrameSender.MEDIA_BATCH_MICROS : 0;
    }

    /** For the log: which transport runs. */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
