package org.natterjack.webadmin.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.natterjack.admin.SettingValue;

/**
 * One setting as the settings page shows it in a form field: a checkbox for a flag, a comma-separated line
 * for a list of words, JSON for anything structured, and text otherwise.
 */
record SettingRow(String key, String kind, String text, boolean live, boolean overridden, String fileText,
                  boolean restartPending, String error) {

    static final String FLAG = "flag";
    static final String WORDS = "words";
    static final String JSON = "json";
    static final String TEXT = "text";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static SettingRow of(SettingValue v, String submitted, String error) {
        String kind = kind(v.value());
        return new SettingRow(v.key(), kind, submitted != null ? submitted : text(v.value()), v.live(),
                v.overridden(), text(v.fileValue()), v.restartPending(), error);
    }

    static String kind(Object value) {
        if (value instanceof Boolean) {
            return FLAG;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(e -> e instanceof String) ? WORDS : JSON;
        }
        return value instanceof Map<?, ?> ? JSON : TEXT;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return switch (kind(value)) {
            case WORDS -> ((List<?>) value).stream().map(Object::toString).collect(Collectors.joining(", "));
            case JSON -> json(value);
            default -> value.toString();
        };
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
