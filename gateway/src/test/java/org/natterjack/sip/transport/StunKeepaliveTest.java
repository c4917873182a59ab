package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** STUN Binding requests on a SIP socket (RFC 5626 4.4.2) get their source back, XORed as RFC 8489 says. */
class StunKeepaliveTest {

    private static final byte[] TRANSACTION = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    @Test
    void anIpv4SourceComesBackAsRfc5769ShowsIt() throws Exception {
        // RFC 5769 2.2: 192.0.2.1:32853 is 0x0020 0008 0001 a147 e112a643
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);

        byte[] response = StunKeepalive.answer(request(), 20, source).orElseThrow();

        assertEquals("0101000c2112a442" + HexFormat.of().formatHex(TRANSACTION) + "002000080001a147e112a643",
                HexFormat.of().formatHex(response));
    }

    @Test
    void anIpv6SourceComesBackXoredWithTheTransactionToo() throws Exception {
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);

        byte[] response = StunKeepalive.answer(request(), 20, source).orElseThrow();

        // RFC 5769 2.3
        assertEquals("002000140002a147" + "0113a9faa5d3f179bc25f4b5bed2b9d9",
                HexFormat.of().formatHex(Arrays.copyOfRange(response, 20, response.length)));
    }

    @Test
    void whatIsNotAWellFormedBindingRequestIsNotAnswered() throws Exception {
        InetSocketAddress source = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
        byte[] sip = "OPTIONS sip:gw SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] indication = request();
        indication[1] = 0x11;  // a Binding indication: answered by nobody
        byte[] noCookie = request();
        noCookie[4] = 0;
        byte[] badLength = ByteBuffer.allocate(24).put(request()).array();  // says 0 attribute bytes, has 4

        byte[] oddMethod = "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertTrue(StunKeepalive.answer(sip, sip.length, source).isEmpty());
        assertFalse(StunKeepalive.mayBeStun(oddMethod, oddMethod.length), "RFC 4475 3.1.1.2 is SIP");
        assertTrue(StunKeepalive.answer(indication, 20, source).isEmpty());
        assertTrue(StunKeepalive.answer(noCookie, 20, source).isEmpty());
        assertTrue(StunKeepalive.answer(badLength, 24, source).isEmpty());
        assertTrue(StunKeepalive.answer(request(), 19, source).isEmpty());
    }

    @Test
    void attributesOfTheRequestAreAllowed() throws Exception {
        byte[] withSoftware = ByteBuffer.allocate(28).putShort((short) 1).putShort((short) 8).putInt(0x2112A442)
                .put(TRANSACTION).putShort((short) 0x8022).putShort((short) 4).put("test".getBytes(StandardCharsets.US_ASCII))
                .array();
        InetSocketAddress source = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);

        byte[] response = StunKeepalive.answer(withSoftware, 28, source).orElseThrow();

        assertArrayEquals(TRANSACTION, Arrays.copyOfRange(response, 8, 20));
    }

    static byte[] request() {
        return ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442).put(TRANSACTION).array();
    }
}
