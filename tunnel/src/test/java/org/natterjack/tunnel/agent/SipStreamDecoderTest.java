package org.natterjack.tunnel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipStreamDecoderTest {

    private static final String OPTIONS = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 5\r\n\r\nhello";
    private static final String BYE = "BYE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n";

    private final EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder());

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private String next() {
        byte[] message = channel.readInbound();
        return message == null ? null : new String(message, StandardCharsets.UTF_8);
    }

    @Test
    void messagesAreCutByTheirContentLengthWhateverTheChunks() {
        write(OPTIONS.substring(0, 10));
        assertNull(next());
        write(OPTIONS.substring(10) + BYE.substring(0, 20));
        assertEquals(OPTIONS, next());
        write(BYE.substring(20));
        assertEquals(BYE, next(), "the compact form l: counts too");
    }

    @Test
    void aCrlfPingGetsItsPongAndNothingElse() {
        write("\r\n\r\n" + BYE);

        assertEquals(BYE, next());
        ByteBuf pong = channel.readOutbound();
        assertEquals("\r\n", pong.toString(StandardCharsets.US_ASCII));
        pong.release();
    }

    @Test
    void aStreamWithoutSipFramingIsRefused() {
        assertThrows(TooLongFrameException.class, () -> write("x".repeat(SipStreamDecoder.MAX_MESSAGE + 10)),
                "no end of headers within the largest message");
        EmbeddedChannel other = new EmbeddedChannel(new SipStreamDecoder());
        assertThrows(TooLongFrameException.class, () -> other.writeInbound(Unpooled.copiedBuffer(
                "INVITE sip:a@b SIP/2.0\r\nContent-Length: -3\r\n\r\n", StandardCharsets.UTF_8)));
    }
}
