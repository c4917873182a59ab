package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

/** The SDP body of a SIP message, read and replaced; other bodies (multipart, ISUP) are left alone. */
final class SdpBodies {

    private SdpBodies() {
    }

    static Optional<byte[]> of(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        boolean sdp = type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
        return sdp ? Optional.of(raw) : Optional.empty();
    }

    /** Puts {@code body} in place of the SDP (Content-Length follows); the Content-Type stays. */
    static void replace(Message message, byte[] body) {
        try {
            message.setContent(body, (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME));
        } catch (ParseException e) {
            throw new IllegalStateException("the message's own Content-Type did not parse", e);
        }
    }

    /** Drops the body (an early answer the relay could not take: the 18x goes on without media). */
    static void remove(Message message) {
        message.removeContent();
        message.removeHeader(ContentTypeHeader.NAME);
    }
}
