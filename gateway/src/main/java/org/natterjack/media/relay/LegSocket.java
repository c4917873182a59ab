package org.natterjack.media.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One relay socket (the RTP or the RTCP port of a {@link Leg}) with its own latch; the attachment of its
 * selection key. Confined to the owning engine thread.
 */
final class LegSocket {

    /** Datagrams read from one socket before the engine turns to the next ready one (fairness). */
    private static final int BATCH = 32;

    final Leg leg;
    final boolean rtcpPort;
    final DatagramChannel channel;
    final Latch latch = new Latch();

    LegSocket(Leg leg, boolean rtcpPort, DatagramChannel channel) {
        this.leg = leg;
        this.rtcpPort = rtcpPort;
        this.channel = channel;
    }

    /**
     * Reads and forwards what is waiting. {@code DatagramChannel.receive} into a direct buffer allocates
     * nothing while the source stays the same (the JDK caches the last source address object), so a
     * steady stream costs no garbage.
     */
    void drain(PacketEngine engine) {
        ByteBuffer buffer = engine.buffer();
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                leg.receiveFailed(e);
                return;
            }
            if (from == null) {
                return;
            }
            buffer.flip();
            engine.counted(buffer.remaining());
            leg.handle(this, (InetSocketAddress) from, buffer, engine.now(), engine.totals());
        }
    }
}
