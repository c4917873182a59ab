package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** A test party: one UDP socket that sends and receives RTP/RTCP, with bounded waits. */
final class Phone implements AutoCloseable {

    private final DatagramSocket socket;
    private int sequence;

    Phone(String address) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.setSoTimeout(2000);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    InetAddress address() {
        return socket.getLocalAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An RTP packet (PCMU, 20 ms) whose payload starts with {@code tag}. */
    byte[] rtp(int tag) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) sequence++).putInt(sequence * 160).putInt(0x1234_5678);
        b.putInt(tag);
        return b.array();
    }

    /** An RTCP receiver report with one block: fraction lost 64/256, 5 lost, jitter 80. */
    static byte[] receiverReport() {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x1111_1111);
        b.putInt(0x1234_5678).put((byte) 64).put((byte) 0).put((byte) 0).put((byte) 5);
        b.putInt(1000).putInt(80).putInt(0).putInt(0);
        return b.array();
    }

    void send(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /** Waits (bounded) for the next datagram. */
    byte[] receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    /** The next datagram, or empty if none comes within {@code millis}. */
    Optional<byte[]> receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return Optional.of(receive());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(2000);
        }
    }

    /** Asserts the next datagram is an RTP packet tagged {@code tag}. */
    void expect(int tag) throws IOException {
        assertEquals(tag, ByteBuffer.wrap(receive()).getInt(12), "tag of the next packet");
    }

    @Override
    public void close() {
        socket.close();
    }
}
