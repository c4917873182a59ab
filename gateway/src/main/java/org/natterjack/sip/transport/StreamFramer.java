package org.natterjack.sip.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the octet stream of one TCP connection into SIP messages by their header section and Content-Length
 * (RFC 3261 18.3), for the JAIN-SIP RI's stream reader, which frames by itself only by lines that begin
 * with the exact long names: it reads {@code Content-Length   : 150} as an unparseable number and closes the
 * connection (RFC 4475 3.1.1.1), misses a compact {@code l: 150} and takes the body for the next message
 * (3.1.1.7), misses a compact {@code i:} Call-ID and closes the connection (3.1.1.3), and keeps the body
 * length of the previous message when a message has no Content-Length.
 *
 * <p>So each whole message is handed on with its Content-Length and Call-ID fields rewritten to the plain
 * long form ({@code Content-Length: 150}, {@code Call-ID: value}), a missing Content-Length written as 0
 * (the length it was framed by), everything else octet for octet. A Content-Length that is not a number or
 * appears twice loses the framing: the connection must be closed (RFC 4475 3.1.2.3, 3.3.9). A message
 * without Call-ID cannot be handed to the RI's reader; it is dropped and the stream stays in step.
 */
final class StreamFramer {

    /** What the stream yields, in order. */
    sealed interface Frame {
        /** Octets between messages (CRLF keepalives, RFC 5626 4.4.1; RFC 3261 7.5), passed on unchanged. */
        record Between(byte[] octets) implements Frame {
        }

        /** One whole message, its framing fields in the long form. */
        record Message(byte[] octets) implements Frame {
        }

        /** A whole message the stack cannot take; the stream stays in step. */
        record Dropped(String reason) implements Frame {
        }

        /**
         * The stream cannot be framed any more: close the connection. {@code request} is the header section
         * to build an error answer from, when there is a whole one.
         */
        record Broken(String reason, Optional<String> request) implements Frame {
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final int maxMessageBytes;
    private byte[] pending = new byte[0];
    private boolean broken;

    /** @param maxMessageBytes the largest message (header section and body) to wait for */
    StreamFramer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Takes the next octets of the stream and returns what they complete. After a {@link Frame.Broken}, nothing. */
    List<Frame> push(byte[] octets) {
        List<Frame> frames = new ArrayList<>();
        if (broken) {
            return frames;
        }
        pending = concat(pending, octets);
        while (pending.length > 0) {
            int between = 0;
            while (between < pending.length && (pending[between] == '\r' || pending[between] == '\n')) {
                between++;
            }
            if (between > 0) {
                frames.add(new Frame.Between(Arrays.copyOf(pending, between)));
                pending = Arrays.copyOfRange(pending, between, pending.length);
                continue;
            }
            Optional<Frame> next = nextMessage();
            if (next.isEmpty()) {
                break;
            }
            frames.add(next.get());
            if (next.get() instanceof Frame.Broken) {
                broken = true;
                pending = new byte[0];
            }
        }
        return frames;
    }

    /** The message at the start of {@link #pending}, consumed; empty while it is incomplete. */
    private Optional<Frame> nextMessage() {
        Optional<RawHeaders> read = RawHeaders.read(pending, 0, pending.length);
        if (read.isEmpty()) {
            return pending.length > maxMessageBytes
                    ? Optional.of(new Frame.Broken("header section over " + maxMessageBytes + " octets", Optional.empty()))
                    : Optional.empty();
        }
        RawHeaders headers = read.get();
        Optional<String> request = Optional.of(new String(pending, 0, headers.end(), StandardCharsets.ISO_8859_1));
        List<RawHeaders.Field> lengths = headers.all("content-length");
        if (lengths.size() > 1) {
            return Optional.of(new Frame.Broken("Content-Length appears " + lengths.size() + " times", request));
        }
        String value = lengths.isEmpty() ? "0" : lengths.get(0).value();
        if (!value.matches("[0-9]{1,9}")) {
            return Optional.of(new Frame.Broken("Content-Length '" + GuardedMessageParser.printable(value)
                    + "' is not a length", request));
        }
        int bodyLength = Integer.parseInt(value);
        if (headers.end() + bodyLength > maxMessageBytes) {
            return Optional.of(new Frame.Broken("message over " + maxMessageBytes + " octets", Optional.empty()));
        }
        if (pending.length < headers.end() + bodyLength) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOf(pending, headers.end() + bodyLength);
        pending = Arrays.copyOfRange(pending, message.length, pending.length);
        if (headers.all("call-id").isEmpty()) {
            return Optional.of(new Frame.Dropped("no Call-ID"));
        }
        return Optional.of(new Frame.Message(normalised(message, headers, bodyLength)));
    }

    /** The message with its Content-Length and Call-ID fields in the long form; all else as it came. */
    private static byte[] normalised(byte[] message, RawHeaders headers, int bodyLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 32);
        List<RawHeaders.Field> fields = headers.fields();
        int at = fields.get(0).start();
        out.write(message, 0, at);
        for (RawHeaders.Field field : fields) {
            switch (field.name()) {
                case "content-length" -> line(out, "Content-Length: " + bodyLength);
                case "call-id" -> line(out, "Call-ID: " + field.value());
                default -> out.write(message, field.start(), field.end() - field.start());
            }
            at = field.end();
        }
        if (headers.all("content-length").isEmpty()) {
            line(out, "Content-Length: 0");
        }
        out.write(message, at, message.length - at);
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
