package org.natterjack.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.media.sdp.RewriteFixtures.RELAY_V4;
import static org.natterjack.media.sdp.RewriteFixtures.RELAY_V6;
import static org.natterjack.media.sdp.RewriteFixtures.plan;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpRewriterTest {

    private static String rewrite(String text) throws SdpException {
        Sdp sdp = Sdp.parse(text);
        return SdpRewriter.rewrite(sdp, plan(sdp, RELAY_V4)).toString();
    }

    @Test
    void audioOnly() throws Exception {
        assertEquals("""
                v=0\r
                o=alice 2890844526 2890844526 IN IP4 203.0.113.5\r
                s=-\r
                c=IN IP4 203.0.113.5\r
                t=0 0\r
                a=natterjack-relay\r
                m=audio 40000 RTP/AVP 0 8 101\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-15\r
                a=sendrecv\r
                """, rewrite(SdpParserTest.AUDIO));
    }

    @Test
    void audioAndVideoWithMediaLevelConnections() throws Exception {
        String out = rewrite("""
                v=0
                o=- 7 7 IN IP4 10.0.0.2
                s=call
                t=0 0
                m=audio  5004  RTP/AVP 0
                c=IN IP4 10.0.0.2
                b=AS:64
                m=video 5006/1 RTP/AVPF 96 97
                c=IN IP4 10.0.0.3
                a=rtpmap:96 H264/90000
                a=fmtp:96 profile-level-id=42e01f;packetization-mode=1
                a=rtcp-fb:96 nack pli
                """);

        assertEquals("""
                v=0
                o=- 7 7 IN IP4 203.0.113.5
                s=call
                t=0 0
                a=natterjack-relay
                m=audio  40000  RTP/AVP 0
                c=IN IP4 203.0.113.5
                b=AS:64
                m=video 40002/1 RTP/AVPF 96 97
                c=IN IP4 203.0.113.5
                a=rtpmap:96 H264/90000
                a=fmtp:96 profile-level-id=42e01f;packetization-mode=1
                a=rtcp-fb:96 nack pli
                """, out);
    }

    @Test
    void rtcpAttributeGetsTheRelayRtcpPortAndAddress() throws Exception {
        String out = rewrite("v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/AVP 0\r\na=rtcp:5005\r\n"
                + "m=audio 6000 RTP/AVP 0\r\na=rtcp:6001 IN IP4 10.0.0.9\r\n");

        assertTrue(out.contains("m=audio 40000 RTP/AVP 0\r\na=rtcp:40001\r\n"), out);
        assertTrue(out.contains("m=audio 40002 RTP/AVP 0\r\na=rtcp:40003 IN IP4 203.0.113.5\r\n"), out);
    }

    @Test
    void rtcpMuxIsKeptAndAnRtcpPortEqualToTheRtpPortStaysMultiplexed() throws Exception {
        String out = rewrite("v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/SAVPF 111\r\na=rtcp:5004\r\n"
                + "a=rtcp-mux\r\na=rtcp-rsize\r\n");

        assertTrue(out.endsWith("m=audio 40000 RTP/SAVPF 111\r\na=rtcp:40000\r\na=rtcp-mux\r\na=rtcp-rsize\r\n"), out);
    }

    @Test
    void ipv6IsRewrittenToTheRelaysIpv6Address() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP6 2001:db8::10\r\nc=IN IP6 2001:db8::10\r\nm=audio 5004 RTP/AVP 0\r\n"
                + "a=rtcp:5005 IN IP6 2001:db8::10\r\n");

        String out = SdpRewriter.rewrite(sdp, plan(sdp, RELAY_V6)).toString();

        assertEquals("v=0\r\no=- 1 1 IN IP6 2001:db8::5\r\nc=IN IP6 2001:db8::5\r\n"
                + "a=natterjack-relay\r\nm=audio 40000 RTP/AVP 0\r\na=rtcp:40001 IN IP6 2001:db8::5\r\n", out);
    }

    @Test
    void ipv6AddressesAreWrittenInTheShortForm() {
        assertEquals("2001:db8::5", Connection.hostText(RELAY_V6));
        assertEquals("::1", Connection.hostText(RewriteFixtures.address("::1")));
        assertEquals("::", Connection.hostText(RewriteFixtures.address("::")));
        assertEquals("2001:db8:0:1:1:1:1:1", Connection.hostText(RewriteFixtures.address("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", Connection.hostText(RewriteFixtures.address("2001:0:0:1:0:0:0:1")));
        assertEquals("fe80::", Connection.hostText(RewriteFixtures.address("fe80::")));
    }

    @Test
    void ipv6PartyIsBridgedToIpv4() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP6 2001:db8::10\r\nm=audio 5004 RTP/AVP 0\r\n");

        String out = SdpRewriter.rewrite(sdp, plan(sdp, RELAY_V4)).toString();

        assertTrue(out.contains("c=IN IP4 203.0.113.5\r\n"), out);
    }

    @Test
    void holdKeepsZeroAddressAndDirection() throws Exception {
        String out = rewrite("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 5004 RTP/AVP 0\r\na=sendonly\r\n"
                + "m=video 5006 RTP/AVP 96\r\nc=IN IP4 10.0.0.2\r\na=inactive\r\n");

        assertEquals("v=0\r\nc=IN IP4 0.0.0.0\r\na=natterjack-relay\r\nm=audio 40000 RTP/AVP 0\r\na=sendonly\r\n"
                + "m=video 40002 RTP/AVP 96\r\nc=IN IP4 203.0.113.5\r\na=inactive\r\n", out);
    }

    @Test
    void iceAttributesAreRemovedEverywhereAndOthersStay() throws Exception {
        String out = rewrite("""
                v=0\r
                c=IN IP4 10.0.0.2\r
                a=ice-lite\r
                a=ice-options:trickle\r
                a=fingerprint:sha-256 AB:CD\r
                m=audio 5004 UDP/TLS/RTP/SAVPF 111\r
                a=ice-ufrag:F7gI\r
                a=ice-pwd:x9cml/YzichV2+XlhiMu8g\r
                a=candidate:1 1 UDP 2130706431 10.0.0.2 5004 typ host\r
                a=candidate:2 1 UDP 1694498815 198.51.100.7 61665 typ srflx raddr 10.0.0.2 rport 5004\r
                a=remote-candidates:1 198.51.100.9 5000\r
                a=end-of-candidates\r
                a=setup:actpass\r
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r
                a=rtpmap:111 opus/48000/2\r
                """);

        assertEquals("""
                v=0\r
                c=IN IP4 203.0.113.5\r
                a=fingerprint:sha-256 AB:CD\r
                a=natterjack-relay\r
                m=audio 40000 UDP/TLS/RTP/SAVPF 111\r
                a=setup:actpass\r
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r
                a=rtpmap:111 opus/48000/2\r
                """, out);
    }

    @Test
    void disabledStreamStaysAtPortZeroAndTcpMediaIsDisabled() throws Exception {
        String out = rewrite("v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n"
                + "m=message 7394 TCP/MSRP *\r\na=path:msrp://10.0.0.2:7394/abc;tcp\r\n"
                + "m=image 5008 udptl t38\r\n");

        assertTrue(out.contains("m=video 0 RTP/AVP 96\r\n"), out);
        assertTrue(out.contains("m=message 0 TCP/MSRP *\r\n"), out);
        assertTrue(out.contains("m=image 40006 udptl t38\r\n"), out);
    }

    @Test
    void markerIsAddedOnceAndKeepsAMissingFinalLineBreak() throws Exception {
        String once = rewrite("v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/AVP 0");
        String twice = rewrite(once);

        assertTrue(once.endsWith("m=audio 40000 RTP/AVP 0"), once);
        assertEquals(once, twice);
        assertEquals("v=0\r\nc=IN IP4 203.0.113.5\r\na=natterjack-relay", rewrite("v=0\r\nc=IN IP4 10.0.0.2"));
    }

    @Test
    void manyStreamsAreEachRewritten() throws Exception {
        StringBuilder text = new StringBuilder("v=0\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n");
        for (int i = 0; i < 32; i++) {
            text.append("m=audio ").append(5000 + 2 * i).append(" RTP/AVP 0\r\na=label:").append(i).append("\r\n");
        }

        Sdp out = Sdp.parse(rewrite(text.toString()));

        assertEquals(32, out.media().size());
        for (int i = 0; i < 32; i++) {
            assertEquals(40000 + 2 * i, out.media().get(i).mline().port());
            assertEquals("a=label:" + i, out.media().get(i).lines().get(1).text());
        }
    }

    @Test
    void hostNameConnectionIsReplacedToo() throws Exception {
        assertTrue(rewrite("v=0\r\nc=IN IP4 pbx.example.org\r\nm=audio 5004 RTP/AVP 0\r\n")
                .contains("c=IN IP4 203.0.113.5\r\n"));
    }

    @Test
    void planMustMatchTheStreams() throws Exception {
        Sdp sdp = Sdp.parse(SdpParserTest.AUDIO);

        assertThrows(IllegalArgumentException.class,
                () -> SdpRewriter.rewrite(sdp, new RewritePlan(RELAY_V4, List.of(), false)));
    }
}
