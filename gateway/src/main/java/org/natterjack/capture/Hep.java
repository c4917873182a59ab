package org.natterjack.capture;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.natterjack.net.Transport;

/**
 * HEP version 3 (the Homer Encapsulation Protocol, sipcapture.org): one packet per captured message, a
 * {@code HEP3} header and the length, then chunks of vendor 0 (generic), each {@code type, length, value}:
 * the addresses and ports, the time, the protocol (SIP), this gateway's capture agent id, the collector's
 * password if it wants one, the Call-ID as correlation id, and the message itself, credentials masked.
 */
public final class Hep {

    static final int FAMILY = 1;
    static final int PROTOCOL = 2;
    static final int IPV4_SOURCE = 3;
    static final int IPV4_DESTINATION = 4;
    static final int IPV6_SOURCE = 5;
    static final int IPV6_DESTINATION = 6;
    static final int SOURCE_PORT = 7;
    static final int DESTINATION_PORT = 8;
    static final int SECONDS = 9;
    static final int MICROSECONDS = 10;
    static final int PROTOCOL_TYPE = 11;
    static final int AGENT_ID = 12;
    static final int PASSWORD = 14;
    static final int PAYLOAD = 15;
    static final int CORRELATION_ID = 17;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SIP = 1;

    private Hep() {
    }

    public static byte[] encode(CapturedMessage m, int agentId, Optional<String> password) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        InetAddress src = m.source().getAddress();
        InetAddress dst = m.destination().getAddress();
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        chunk(chunks, FAMILY, new byte[] {(byte) (v4 ? AF_INET : AF_INET6)});
        chunk(chunks, PROTOCOL, new byte[] {(byte) (m.transport() == Transport.UDP ? 17 : 6)});
        chunk(chunks, v4 ? IPV4_SOURCE : IPV6_SOURCE, address(src, v4));
        chunk(chunks, v4 ? IPV4_DESTINATION : IPV6_DESTINATION, address(dst, v4));
        chunk(chunks, SOURCE_PORT, ByteBuffer.allocate(2).putShort((short) m.source().getPort()).array());
        chunk(chunks, DESTINATION_PORT, ByteBuffer.allocate(2).putShort((short) m.destination().getPort()).array());
        chunk(chunks, SECONDS, ByteBuffer.allocate(4).putInt((int) m.time().getEpochSecond()).array());
        chunk(chunks, MICROSECONDS, ByteBuffer.allocate(4).putInt(m.time().getNano() / 1000).array());
        chunk(chunks, PROTOCOL_TYPE, new byte[] {SIP});
        chunk(chunks, AGENT_ID, ByteBuffer.allocate(4).putInt(agentId).array());
        password.ifPresent(p -> chunk(chunks, PASSWORD, p.getBytes(StandardCharsets.UTF_8)));
        if (!m.callId().isEmpty()) {
            chunk(chunks, CORRELATION_ID, m.callId().getBytes(StandardCharsets.UTF_8));
        }
        chunk(chunks, PAYLOAD, Masking.mask(m.octets()));
        byte[] body = chunks.toByteArray();
        ByteBuffer packet = ByteBuffer.allocate(6 + body.length);
        packet.put("HEP3".getBytes(StandardCharsets.US_ASCII)).putShort((short) (6 + body.length)).put(body);
        return packet.array();
    }

    private static byte[] address(InetAddress a, boolean v4) {
        return v4 ? a.getAddress() : Pcap.v6(a);
    }

    private static void chunk(ByteArrayOutputStream out, int type, byte[] value) {
        ByteBuffer header = ByteBuffer.allocate(6).putShort((short) 0).putShort((short) type)
                .putShort((short) (6 + value.length));
        out.writeBytes(header.array());
        out.writeBytes(value);
    }
}
