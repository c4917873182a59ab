package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A UDP listener on loopback standing in for a Homer collector: decodes each HEPv3 packet it gets (the generic
 * chunks the gateway sends) and keeps them.
 */
final class HepCollector implements AutoCloseable {

    /** The chunks a test reads. */
    record Packet(int agentId, int sourcePort, String correlationId, String payload) {
    }

    private final DatagramSocket socket;
    private final Thread reader;
    private final List<Packet> packets = new ArrayList<>();

    HepCollector() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
        reader = new Thread(this::read, "hep-collector");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            Packet p = decode(ByteBuffer.wrap(buffer, 0, datagram.getLength()).slice());
            synchronized (packets) {
                packets.add(p);
            }
        }
    }

    private static Packet decode(ByteBuffer b) {
        if (!"HEP3".equals(new String(b.array(), b.arrayOffset(), 4, StandardCharsets.US_ASCII))
                || (b.getShort(4) & 0xffff) != b.limit()) {
            throw new IllegalStateException("not a HEPv3 packet");
        }
        int agent = -1;
        int sourcePort = -1;
        String correlation = "";
        String payload = "";
        for (int at = 6; at + 6 <= b.limit(); ) {
            int type = b.getShort(at + 2);
            int length = b.getShort(at + 4) & 0xffff;
            byte[] value = new byte[length - 6];
            b.get(at + 6, value);
            switch (type) {
                case 7 -> sourcePort = ByteBuffer.wrap(value).getShort() & 0xffff;
                case 12 -> agent = ByteBuffer.wrap(value).getInt();
                case 15 -> payload = new String(value, StandardCharsets.UTF_8);
                case 17 -> correlation = new String(value, StandardCharsets.UTF_8);
                default -> {
                }
            }
            at += length;
        }
        return new Packet(agent, sourcePort, correlation, payload);
    }

    List<Packet> all() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** Waits (bounded: 10 s) until {@code count} packets of the call arrived; returns them in order. */
    List<Packet> awaitCall(String callId, int count) throws InterruptedException {
        List<Packet> found = List.of();
        for (int i = 0; i < 100; i++) {
            found = all().stream().filter(p -> p.correlationId().equals(callId)).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        }
        fail("the collector got " + found.size() + " of the call's " + count + " messages");
        return List.of();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2000);
    }
}
