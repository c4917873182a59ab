package org.natterjack.tunnel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void theHeaderIsTypeFlagsAndChannelInNetworkOrder() {
        Frame rtp = Frame.media(FrameType.RTP, 0x0102, new byte[] {(byte) 0x80, 0x00});

        assertArrayEquals(new byte[] {2, 0, 1, 2, (byte) 0x80, 0}, rtp.encode());
        assertEquals(rtp, Frame.decode(rtp.encode()));
    }

    @Test
    void sipAndControlTravelOnChannelZero() {
        byte[] invite = "INVITE sip:a@b SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertEquals(Frame.sip(invite), Frame.decode(Frame.sip(invite).encode()));
        assertThrows(FrameFormatException.class, () -> Frame.decode(new byte[] {1, 0, 0, 7, 'x'}),
                "a SIP frame on a media channel");
        assertThrows(FrameFormatException.class, () -> Frame.decode(new byte[] {2, 0, 0, 0, 'x'}),
                "an RTP frame without a channel");
    }

    @Test
    void brokenFramesAreRefused() {
        assertThrows(FrameFormatException.class, () -> Frame.decode(new byte[] {1, 0, 0}), "no whole header");
        assertThrows(FrameFormatException.class, () -> Frame.decode(new byte[] {9, 0, 0, 0}), "unknown type");
        assertThrows(FrameFormatException.class, () -> Frame.sip(new byte[Frame.MAX_PAYLOAD_BYTES + 1]),
                "too large");
    }

    @Test
    void unknownFlagsAreCarriedNotRefused() {
        assertEquals(0x40, Frame.decode(new byte[] {0, 0x40, 0, 0}).flags());
    }

    @Test
    void priorityIsControlThenSipThenRtcpThenRtp() {
        assertEquals(java.util.List.of(FrameType.CONTROL, FrameType.SIP, FrameType.RTCP, FrameType.RTP),
                java.util.Arrays.stream(FrameType.values())
                        .sorted(java.util.Comparator.comparingInt(FrameType::priority)).toList());
    }
}
