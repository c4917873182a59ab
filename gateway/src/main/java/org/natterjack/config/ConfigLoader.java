package org.natterjack.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/** Reads the YAML configuration file into a validated {@link GatewayConfig}. */
public final class ConfigLoader {

    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConfigLoader() {
    }

    /**
     * Loads and validates {@code file}. An empty file, or one holding only comments, means all defaults.
     *
     * @throws ConfigException naming the file, the line and the setting of the problem
     */
    public static GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        try {
            if (MAPPER.readTree(text).isMissingNode()) {
                return GatewayConfig.defaults();
            }
            // A document holding nothing ("---", "~") reads as null: no settings, like an empty file.
            return Objects.requireNonNullElseGet(MAPPER.readValue(text, GatewayConfig.class),
                    GatewayConfig::defaults);
        } catch (JsonProcessingException e) {
            JsonLocation at = e instanceof JsonMappingException mapping ? keyLocation(text, mapping) : e.getLocation();
            String line = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr();
            throw new ConfigException(file + line + ": " + describe(e));
        }
    }

    /**
     * Binds a subtree of the file (a plug-in's section) to {@code type}, as strictly as the file itself.
     *
     * @throws ConfigException naming {@code where} and the setting of the problem
     */
    static <T> T bind(String where, JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown setting '" + path(unknown) + "' (known here: " + unknown.getKnownPropertyIds() + ")";
        }
        Throwable cause = e.getCause();
        if (e instanceof JsonMappingException mapping && (mapping instanceof ValueInstantiationException
                || cause instanceof IllegalArgumentException) && cause != null) {
            String where = path(mapping);
            String why = cause.getMessage();
            return where.isEmpty() || why.contains(where) ? why : "setting '" + where + "': " + why;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "setting '" + path(mapping) + "': " + e.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    /**
     * Where the offending key is written. Jackson buffers the properties of a record and reports problems at
     * the end of its section, so the key is looked up again by its path.
     */
    private static JsonLocation keyLocation(String text, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() == null) {
                break; // a list element: the key holding the list is precise enough
            }
            pointer.append('/').append(ref.getFieldName());
        }
        if (pointer.length() > 0) {
            try (JsonParser p = MAPPER.createParser(text)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME
                            && p.getParsingContext().pathAsPointer().toString().contentEquals(pointer)) {
                        return p.currentTokenLocation();
                    }
                }
            } catch (IOException notFound) {
                // Fall back to where Jackson stopped.
            }
        }
        return e.getLocation();
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
