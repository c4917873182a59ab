package org.natterjack.capture;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Captured messages as a libpcap file (LINKTYPE_RAW: each packet starts with its IP header) that Wireshark and
 * tshark open and decode as SIP. Every message gets a synthesized IPv4 or IPv6 and UDP header with the addresses
 * and ports it crossed the wire with, also one that went over TCP or a tunnel (a stream would need synthesized
 * TCP sequence numbers for nothing a SIP reader uses). Credentials are masked.
 */
public final class Pcap {

    /** The media type of a libpcap file. */
    public static final String CONTENT_TYPE = "application/vnd.tcpdump.pcap";

    private static final int MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_RAW = 101;
    private static final int UDP = 17;

    private Pcap() {
    }

    public static byte[] of(List<CapturedMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        out.writeBytes(header.array());
        for (CapturedMessage m : messages) {
            byte[] packet = packet(m.source(), m.destination(), Masking.mask(m.octets()));
            ByteBuffer record = ByteBuffer.allocate(16);
            record.putInt((int) m.time().getEpochSecond()).putInt(m.time().getNano() / 1000)
                    .putInt(packet.length).putInt(packet.length);
            out.writeBytes(record.array());
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static byte[] packet(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
        InetAddress src = from.getAddress();
        InetAddress dst = to.getAddress();
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        byte[] s = v4 ? src.getAddress() : v6(src);
        byte[] d = v4 ? dst.getAddress() : v6(dst);
        int udpLength = 8 + payload.length;
        ByteBuffer udp = ByteBuffer.allocate(udpLength);
        udp.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) udpLength)
                .putShort((short) 0).put(payload);
        udp.putShort(6, (short) udpChecksum(s, d, udp.array()));
        ByteBuffer ip;
        if (v4) {
            ip = ByteBuffer.allocate(20 + udpLength);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) UDP).putShort((short) 0).put(s).put(d);
            ip.putShort(10, (short) checksum(ip.array(), 0, 20, 0));
        } else {
            ip = ByteBuffer.allocate(40 + udpLength);
            ip.putInt(0x60000000).putShort((short) udpLength).put((byte) UDP).put((byte) 64).put(s).put(d);
        }
        ip.put(udp.array());
        return ip.array();
    }

    /** An address as IPv6 octets: an IPv4 one IPv4-mapped, for a packet whose other end is IPv6. */
    static byte[] v6(InetAddress a) {
        byte[] raw = a.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** RFC 768 (IPv4) and RFC 8200 8.1 (IPv6): over the pseudo-header and the datagram. */
    private static int udpChecksum(byte[] src, byte[] dst, byte[] datagram) {
        long sum = partial(src, 0, src.length) + partial(dst, 0, dst.length) + UDP + datagram.length;
        int c = checksum(datagram, 0, datagram.length, sum);
        return c == 0 ? 0xffff : c;
    }

    private static int checksum(byte[] b, int from, int length, long start) {
        long sum = start + partial(b, from, length);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long partial(byte[] b, int from, int length) {
        long sum = 0;
        for (int i = from; i < from + length; i += 2) {
            int hi = b[i] & 0xff;
            int lo = i + 1 < from + length ? b[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }
}
