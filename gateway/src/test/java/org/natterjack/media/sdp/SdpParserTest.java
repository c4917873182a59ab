package org.natterjack.media.sdp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.natterjack.net.IpLiteral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpParserTest {

    static final String AUDIO = """
            v=0\r
            o=alice 2890844526 2890844526 IN IP4 192.168.1.10\r
            s=-\r
            c=IN IP4 192.168.1.10\r
            t=0 0\r
            m=audio 49170 RTP/AVP 0 8 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=sendrecv\r
            """;

    private static SdpException failure(String text) {
        return assertThrows(SdpException.class, () -> Sdp.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m=audio 4000 RTP/AVP 96|a=rtpmap:96 opus/48000/2|48000",
        "m=audio 4000 RTP/AVP 97|a=rtpmap:97 AMR-WB/16000|16000",
        "m=audio 4000 RTP/AVP 0|a=rtpmap:0 PCMU/8000/|8000",
        "m=audio 4000 RTP/AVP 8|a=rtpmap:8 PCMA|8000",
        "m=audio 4000 RTP/AVP 96|a=rtpmap:96 opus/48k/2|-1",
        "m=audio 4000 RTP/AVP 96|a=rtpmap:96 x/12345678|-1",
        "m=audio 4000 RTP/AVP 96|a=rtpmap:96 x/|-1",
        "m=video 4000 RTP/AVP 96|a=rtpmap:97 H264/90000|-1",
    })
    void clockRateComesFromTheFirstFormatsRtpmapOrTheStaticTable(String mline, String rtpmap, int expected)
            throws Exception {
        Sdp sdp = Sdp.parse(("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + mline + "\r\n" + rtpmap + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertEquals(expected, sdp.media().get(0).clockRate().orElse(-1));
    }

    @Test
    void parsesSessionAndMedia() throws Exception {
        Sdp sdp = Sdp.parse(AUDIO);

        assertEquals(Optional.of(InetAddress.getByName("192.168.1.10")), sdp.connection().flatMap(Connection::literal));
        assertEquals(1, sdp.media().size());
        MediaLine m = sdp.media().get(0).mline();
        assertEquals(new MediaLine("audio", 49170, 1, "RTP/AVP", List.of("0", "8", "101")), m);
        assertTrue(m.isRtp() && m.isDatagram() && m.hasClearRtcp() && !m.isDtls());
        assertEquals(Direction.SENDRECV, sdp.directionOf(0));
        assertEquals(8000, sdp.media().get(0).clockRate().getAsInt());
        assertFalse(sdp.isOnHold());
    }

    @Test
    void writesBackByteForByte() throws Exception {
        String[] bodies = {
            AUDIO,
            AUDIO.replace("\r\n", "\n"),                             // LF only (many real agents)
            AUDIO.substring(0, AUDIO.length() - 2),                  // no final line break
            AUDIO + "\r\n\r\n",                                      // trailing blank lines
            "\r\n" + AUDIO.replace("s=-", "s=Grüße \t"),             // leading blank line, UTF-8, tabs
            AUDIO.replace("t=0 0\r\n", "t=0 0\n").replace("a=sendrecv\r\n", "a=sendrecv\r"), // mixed
        };
        for (String text : bodies) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(body, Sdp.parse(body).toBytes(), text);
        }
    }

    @Test
    void toleratesMissingOptionalLinesAndUnknownTypes() throws Exception {
        Sdp sdp = Sdp.parse("v=0\nc=IN IP4 203.0.113.1\ny=whatever\nm=audio 4000 RTP/AVP 0\nx-foo=bar\n".replace("x-foo", "k"));

        assertEquals(4000, sdp.media().get(0).mline().port());
    }

    @Test
    void toleratesStreamWithoutFormats() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP4 203.0.113.1\r\nm=video 0 RTP/AVP\r\n");

        assertEquals(List.of(), sdp.media().get(0).mline().formats());
    }

    @Test
    void readsRtcpAttributeWithAndWithoutAddress() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP6 2001:db8::1\r\nm=audio 5000 RTP/AVP 0\r\na=rtcp:5011 IN IP6 2001:db8::2\r\n"
                + "m=audio 6000 RTP/AVP 0\r\na=rtcp:6001\r\n");

        RtcpAttribute first = sdp.media().get(0).rtcp().orElseThrow();
        assertEquals(5011, first.port());
        assertEquals("2001:db8::2", first.connection().orElseThrow().address());
        assertEquals(new RtcpAttribute(6001, Optional.empty()), sdp.media().get(1).rtcp().orElseThrow());
    }

    @Test
    void mediaLevelConnectionAndDirectionWin() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP4 203.0.113.1\r\na=sendonly\r\nm=audio 5000 RTP/AVP 0\r\n"
                + "m=video 5002 RTP/AVP 96\r\nc=IN IP4 203.0.113.2\r\na=inactive\r\n");

        assertEquals("203.0.113.1", sdp.connectionOf(0).orElseThrow().address());
        assertEquals("203.0.113.2", sdp.connectionOf(1).orElseThrow().address());
        assertEquals(Direction.SENDONLY, sdp.directionOf(0));
        assertEquals(Direction.INACTIVE, sdp.directionOf(1));
        assertTrue(sdp.isOnHold());
    }

    @Test
    void holdAddressIsHold() throws Exception {
        assertTrue(Sdp.parse(AUDIO.replace("c=IN IP4 192.168.1.10", "c=IN IP4 0.0.0.0")).isOnHold());
        assertTrue(Connection.parse("IN IP6 ::").isHold());
    }

    @Test
    void hostNameConnectionIsAcceptedButNotResolved() throws Exception {
        Connection c = Connection.parse("IN IP4 media.example.org");

        assertEquals(Optional.empty(), c.literal());
        assertFalse(c.isHold());
    }

    @Test
    void dottedNumbersOutOfRangeAreNoLiteralAndNeverLookedUp() {
        assertEquals(Optional.empty(), IpLiteral.parse("999.1.1.1"));
        assertEquals(Optional.empty(), IpLiteral.parse("1.2.3"));
        assertEquals(Optional.empty(), IpLiteral.parse("fe80::1%eth0"));
    }

    @Test
    void thirtyTwoStreamsAreFine() throws Exception {
        StringBuilder text = new StringBuilder("v=0\r\nc=IN IP4 203.0.113.1\r\n");
        for (int i = 0; i < 32; i++) {
            text.append("m=audio ").append(10000 + 2 * i).append(" RTP/AVP 0\r\n");
        }

        assertEquals(32, Sdp.parse(text.toString()).media().size());
    }

    @Test
    void thirtyThreeStreamsAre488() {
        StringBuilder text = new StringBuilder("v=0\r\nc=IN IP4 203.0.113.1\r\n");
        for (int i = 0; i < 33; i++) {
            text.append("m=audio ").append(10000 + 2 * i).append(" RTP/AVP 0\r\n");
        }

        assertEquals(488, failure(text.toString()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\r\n\r\n",
        "o=- 1 1 IN IP4 203.0.113.1\r\nv=0\r\n",
        "v=1\r\n",
        "v=0\r\nv=0\r\n",
        "v=0\r\nthis is not sdp\r\n",
        "v=0\r\nA=rtpmap:0 PCMU/8000\r\n",
        "v=0\r\n=x\r\n",
        "v=0\r\ns=nul\u0000here\r\n",
        "v=0\r\nc=IN IP4\r\n",
        "v=0\r\nc=IN IP4 2001:db8::1\r\n",
        "v=0\r\nc=IN IP6 203.0.113.1\r\n",
        "v=0\r\nc=IN IP4 not_a_host!\r\n",
        "v=0\r\nm=audio\r\n",
        "v=0\r\nm=audio 4000\r\n",
        "v=0\r\nm=audio 70000 RTP/AVP 0\r\n",
        "v=0\r\nm=audio -1 RTP/AVP 0\r\n",
        "v=0\r\nm=audio 4x00 RTP/AVP 0\r\n",
        "v=0\r\nm=audio 4000/0 RTP/AVP 0\r\n",
        "v=0\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:abc\r\n",
        "v=0\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP4\r\n",
    })
    void malformedSdpIs400(String text) {
        SdpException e = failure(text);

        assertEquals(400, e.status(), e.reason());
        assertTrue(e.reason().startsWith("Malformed SDP"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=0\r\nc=ATM NSAP 47.0005\r\n",
        "v=0\r\nc=IN IP5 1.2.3.4\r\n",
        "v=0\r\nc=IN IP4 224.2.1.1/127\r\n",
        "v=0\r\nc=IN IP4 224.2.1.1\r\n",
        "v=0\r\nc=IN IP6 ff15::101/3\r\n",
        "v=0\r\nc=IN IP4 203.0.113.1\r\nc=IN IP4 203.0.113.2\r\n",
        "v=0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 203.0.113.1\r\nc=IN IP4 203.0.113.2\r\n",
    })
    void unusableSdpIs488(String text) {
        assertEquals(488, failure(text).status());
    }

    @Test
    void limitsAreEnforced() {
        SdpLimits tight = new SdpLimits(200, 8, 40, 2);
        String base = "v=0\r\nc=IN IP4 203.0.113.1\r\n";

        assertEquals(400, assertThrows(SdpException.class, () -> Sdp.parse(
                (base + "a=" + "x".repeat(300) + "\r\n").getBytes(StandardCharsets.ISO_8859_1), tight)).status());
        assertEquals(400, assertThrows(SdpException.class, () -> Sdp.parse(
                (base + "a=" + "x".repeat(50) + "\r\n").getBytes(StandardCharsets.ISO_8859_1), tight)).status());
        assertEquals(400, assertThrows(SdpException.class, () -> Sdp.parse(
                (base + "a=x\r\n".repeat(7)).getBytes(StandardCharsets.ISO_8859_1), tight)).status());
        assertEquals(488, assertThrows(SdpException.class, () -> Sdp.parse(
                (base + "m=audio 1 RTP/AVP 0\r\n".repeat(3)).getBytes(StandardCharsets.ISO_8859_1), tight)).status());
    }

    @Test
    void defaultLimitsRefuseAHugeBody() {
        byte[] huge = ("v=0\r\n" + "a=x\r\n".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(400, assertThrows(SdpException.class, () -> Sdp.parse(huge)).status());
    }

    /** Hostile input: random bytes and random mutations of real SDP end in an SdpException or an Sdp. */
    @Test
    void randomInputNeverThrowsAnythingElse() {
        Random random = new Random(4566);
        byte[] seed = (AUDIO + "m=video 5002 RTP/AVPF 96\r\nc=IN IP6 2001:db8::7\r\na=rtcp:5003 IN IP6 2001:db8::7\r\n"
                + "a=rtcp-mux\r\na=candidate:1 1 UDP 2130706431 10.0.0.1 5002 typ host\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] alphabet = "v=0mcoatIN IP46:./ \r\n0123456789abcdef-/".getBytes(StandardCharsets.ISO_8859_1);
        int parsed = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] body;
            if (round % 4 == 0) {
                body = new byte[random.nextInt(300)];
                random.nextBytes(body);
            } else {
                body = seed.clone();
                for (int n = random.nextInt(8) + 1; n > 0; n--) {
                    body[random.nextInt(body.length)] = random.nextBoolean()
                            ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
                }
            }
            try {
                Sdp sdp = Sdp.parse(body);
                parsed++;
                RewriteFixtures.rewriteEverything(sdp); // the rewriter copes with whatever parsed
            } catch (SdpException expected) {
                assertTrue(expected.status() == 400 || expected.status() == 488);
            }
        }
        assertTrue(parsed > 1000, "mutations of valid SDP mostly stay valid: " + parsed);
    }
}
