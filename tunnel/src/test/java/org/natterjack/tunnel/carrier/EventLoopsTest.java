package org.natterjack.tunnel.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.Channel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Binding a stream's port pair: both or neither, and a failed attempt leaves nothing behind. */
class EventLoopsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aTakenOddPortFailsThePairAndFreesTheEvenOne() throws Exception {
        try (DatagramSocket odd = takenOddPort()) {
            int even = odd.getLocalPort() - 1;
            assertThrows(IOException.class, () -> EventLoops.boundPair(LOOPBACK, even));
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, even))) {
                assertEquals(even, again.getLocalPort(), "the even port was let go");
            }
        }
    }

    @Test
    void aFreePairIsBoundOnBothPorts() throws Exception {
        int even;
        try (DatagramSocket odd = takenOddPort()) {
            even = odd.getLocalPort() - 1;
        }
        Channel[] pair = EventLoops.boundPair(LOOPBACK, even);
        try {
            assertThrows(IOException.class, () -> new DatagramSocket(new InetSocketAddress(LOOPBACK, even)).close());
            assertThrows(IOException.class, () -> new DatagramSocket(new InetSocketAddress(LOOPBACK, even + 1)).close());
        } finally {
            closeUnregistered(pair);
        }
    }

    /** An odd port taken here whose even neighbour is free (bounded: a few tries). */
    private static DatagramSocket takenOddPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            int port = socket.getLocalPort();
            if (port % 2 == 1) {
                try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, port - 1))) {
                    return socket;
                } catch (IOException taken) {
                    // try another
                }
            }
            socket.close();
        }
        throw new IOException("no odd port with a free even neighbour");
    }

    /** A channel never registered cannot be closed through Netty; its socket can. */
    private static void closeUnregistered(Channel[] pair) throws Exception {
        MultiThreadIoEventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EventLoops.ioHandler());
        try {
            for (Channel channel : pair) {
                loop.register(channel).sync();
                channel.close().sync();
            }
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
