package org.natterjack.tunnel.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A control frame's payload: UTF-8 text, a verb on the first line, then {@code name: value} lines, lines ending in
 * LF (docs/tunnel.md). Names are lower case; a receiver ignores names it does not know.
 */
public record ControlMessage(String verb, Map<String, String> fields) {

    /** Control messages are small; anything larger is an attack or a bug. */
    public static final int MAX_BYTES = 4096;

    public ControlMessage {
        if (!verb.matches("[a-z][a-z-]{0,31}")) {
            throw new FrameFormatException("not a verb: '" + verb + "'");
        }
        for (var field : fields.entrySet()) {
            if (!field.getKey().matches("[a-z][a-z0-9-]{0,31}") || field.getValue().indexOf('\n') >= 0) {
                throw new FrameFormatException("not a field: '" + field.getKey() + "'");
            }
        }
        fields = Map.copyOf(fields);
    }

    public static ControlMessage of(String verb, String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new ControlMessage(verb, fields);
    }

    /** This message with one more field. */
    public ControlMessage with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new ControlMessage(verb, more);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** @throws FrameFormatException naming the missing field */
    public String require(String name) {
        return field(name).orElseThrow(() -> new FrameFormatException(verb + " without " + name));
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder(verb).append('\n');
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(f -> text.append(f.getKey()).append(": ").append(f.getValue()).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws FrameFormatException for a message that is too large or not of this form */
    public static ControlMessage decode(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new FrameFormatException("a control message of " + payload.length + " octets");
        }
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon <= 0) {
                throw new FrameFormatException("not a field line: '" + lines[i] + "'");
            }
            if (fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2)) != null) {
                throw new FrameFormatException("field given twice: " + lines[i].substring(0, colon));
            }
        }
        return new ControlMessage(lines[0], fields);
    }

    @Override
    public String toString() {
        return verb;
    }
}
