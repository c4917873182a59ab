package org.natterjack.pstn.api;

import java.util.Optional;

/** Reading the text fields of a {@link TrunkSpec} or {@link SpanSpec}: blank is absent. */
final class Fields {

    private Fields() {
    }

    static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
