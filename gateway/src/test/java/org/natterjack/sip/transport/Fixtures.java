package org.natterjack.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The RFC 4475 messages of {@code src/test/resources/rfc4475} as octets, for tests without a running gateway. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] rfc4475(String tag) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/rfc4475/" + tag + ".sip")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + tag);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] octets(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] octets) {
        return new String(octets, StandardCharsets.ISO_8859_1);
    }
}
