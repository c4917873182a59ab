package org.natterjack.tunnel.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Cuts the byte stream of a local application's TCP connection into SIP messages by their Content-Length
 * (RFC 3261 18.3), answering the RFC 5626 CRLFCRLF ping with its CRLF pong on the way.
 */
final class SipStreamDecoder extends ByteToMessageDecoder {

    static final int MAX_MESSAGE = 65535;
    private static final byte[] PONG = {'\r', '\n'};
    private static final ByteBuf END_OF_HEADERS =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}));

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipKeepalive(ctx, in)) {
                continue;
            }
            int end = ByteBufUtil.indexOf(END_OF_HEADERS, in);
            if (end < 0) {
                if (in.readableBytes() > MAX_MESSAGE) {
                    throw new TooLongFrameException("no end of the SIP headers within " + MAX_MESSAGE + " octets");
                }
                return;
            }
            int headerBytes = end - in.readerIndex() + 4;
            int total = headerBytes + contentLength(in.toString(in.readerIndex(), headerBytes, StandardCharsets.UTF_8));
            if (total > MAX_MESSAGE) {
                throw new TooLongFrameException("a SIP message of " + total + " octets");
            }
            if (in.readableBytes() < total) {
                return;
            }
            byte[] message = new byte[total];
            in.readBytes(message);
            out.add(message);
        }
    }

    /** Consumes CR and LF between messages; a whole CRLFCRLF is a ping and gets its pong. */
    private static boolean skipKeepalive(ChannelHandlerContext ctx, ByteBuf in) {
        int at = in.readerIndex();
        if (in.readableBytes() >= 4 && in.getByte(at) == '\r' && in.getByte(at + 1) == '\n'
                && in.getByte(at + 2) == '\r' && in.getByte(at + 3) == '\n') {
            in.skipBytes(4);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
            return true;
        }
        byte first = in.getByte(at);
        if (first == '\r' || first == '\n') {
            if (in.readableBytes() < 4 && first == '\r') {
                return false; // maybe the start of a ping: wait for more
            }
            in.skipBytes(1);
            return true;
        }
        return false;
    }

    /** The Content-Length (or compact {@code l}) of a header block; 0 when absent, as RFC 3261 allows on UDP only. */
    static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") || name.equals("l")) {
                    try {
                        int length = Integer.parseInt(line.substring(colon + 1).trim());
                        if (length < 0) {
                            throw new TooLongFrameException("a negative Content-Length: " + line);
                        }
                        return length;
                    } catch (NumberFormatException e) {
                        throw new TooLongFrameException("Content-Length is not a number: " + line);
                    }
                }
            }
        }
        return 0;
    }
}
