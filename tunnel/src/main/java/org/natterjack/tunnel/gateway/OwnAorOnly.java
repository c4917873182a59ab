package org.natterjack.tunnel.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A tunnel session may register only its own user's address-of-record: a REGISTER for anyone else is answered 403
 * here, before it reaches the registrar (whose digest check would otherwise let a user register any address
 * their credentials happen to cover, such as an account valid in every domain).
 */
final class OwnAorOnly {

    private OwnAorOnly() {
    }

    /** The 403 to send back if {@code message} is a REGISTER for another user than {@code user}; else empty. */
    static Optional<byte[]> refusal(byte[] message, String user) {
        String text = new String(message, StandardCharsets.UTF_8);
        if (!text.startsWith("REGISTER ")) {
            return Optional.empty();
        }
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        StringBuilder answer = new StringBuilder("SIP/2.0 403 Forbidden (not this session's user)\r\n");
        String toUser = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> answer.append(line).append("\r\n");
                case "to", "t" -> {
                    answer.append(line).append(line.contains(";tag=") ? "" : ";tag=tunnel").append("\r\n");
                    toUser = userOf(line.substring(colon + 1));
                }
                default -> { }
            }
        }
        if (user.equals(toUser)) {
            return Optional.empty();
        }
        return Optional.of(answer.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The user part of the URI in a To header value; null if there is none. */
    private static String userOf(String value) {
        int sip = value.toLowerCase(Locale.ROOT).indexOf("sip:");
        int sips = value.toLowerCase(Locale.ROOT).indexOf("sips:");
        int start = sips >= 0 && (sip < 0 || sips < sip) ? sips + 5 : sip >= 0 ? sip + 4 : -1;
        int at = start < 0 ? -1 : value.indexOf('@', start);
        return at < 0 ? null : value.substring(start, at);
    }
}
