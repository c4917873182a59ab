package org.natterjack.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Typed reads of one backed-up row, refusing what does not fit with a message naming the place. */
final class Rows {

    private Rows() {
    }

    /** A string, or null when absent or null. */
    static String text(JsonNode row, String key, String where) {
        JsonNode v = row.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + key + ": a string is expected, not " + v);
        }
        return v.textValue();
    }

    static String required(JsonNode row, String key, String where, Pattern form) {
        String v = text(row, key, where);
        if (v == null || !form.matcher(v).matches()) {
            throw new IllegalArgumentException(where + "." + key + ": '" + v + "' is not " + form.pattern());
        }
        return v;
    }

    static int integer(JsonNode row, String key, String where) {
        JsonNode v = row.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(where + "." + key + ": a whole number is expected, not " + v);
        }
        return v.intValue();
    }
}
