package org.natterjack.sip.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The server side of RFC 5626's keepalive over UDP (section 4.4.2, RFC 8489 STUN): a STUN Binding request
 * arriving on a SIP socket is answered with a Binding success response that carries the request's source in an
 * XOR-MAPPED-ADDRESS. The client learns from it that its flow is alive and whether its NAT binding moved. Nothing
 * else of STUN is served: no authentication, no other methods or classes; a datagram that is not a well-formed
 * Binding request is not STUN as far as the SIP socket goes (and a SIP message never starts with a byte below 4,
 * as every STUN message does).
 */
final class StunKeepalive {

    private static final int HEADER_BYTES = 20;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final short XOR_MAPPED_ADDRESS = 0x0020;

    private StunKeepalive() {
    }

    /**
     * Whether {@code datagram} may be STUN at all: its first byte is 0 to 3 (RFC 7983 7). Not just STUN's two zero
     * bits: a SIP method is a token and may start with {@code !}, {@code %} or a digit (RFC 4475 3.1.1.2).
     */
    static boolean mayBeStun(byte[] datagram, int length) {
        return length >= HEADER_BYTES && (datagram[0] & 0xFC) == 0;
    }

    /** The answer to {@code datagram} received from {@code source}, if it is a STUN Binding request. */
    static Optional<byte[]> answer(byte[] datagram, int length, InetSocketAddress source) {
        if (!mayBeStun(datagram, length)) {
            return Optional.empty();
        }
        ByteBuffer request = ByteBuffer.wrap(datagram, 0, length);
        short type = request.getShort();
        int attributesLength = request.getShort() & 0xFFFF;
        if (type != BINDING_REQUEST || request.getInt() != MAGIC_COOKIE || attributesLength % 4 != 0
                || HEADER_BYTES + attributesLength != length) {
            return Optional.empty();
        }
        byte[] transactionId = new byte[12];
        request.get(transactionId);
        byte[] address = source.getAddress().getAddress();
        ByteBuffer response = ByteBuffer.allocate(HEADER_BYTES + 8 + address.length);
        response.putShort(BINDING_SUCCESS).putShort((short) (8 + address.length)).putInt(MAGIC_COOKIE).put(transactionId);
        response.putShort(XOR_MAPPED_ADDRESS).putShort((short) (4 + address.length))
                .put((byte) 0).put((byte) (address.length == 4 ? 0x01 : 0x02))
                .putShort((short) (source.getPort() ^ (MAGIC_COOKIE >>> 16)));
        byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
        for (int i = 0; i < address.length; i++) {
            response.put((byte) (address[i] ^ mask[i]));
        }
        return Optional.of(response.array());
    }
}
