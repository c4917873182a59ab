package org.natterjack.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the YAML configuration file into a validated {@link GatewayConfig}. */
public final class ConfigLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConfigLoader() {
    }

    /**
     * Loads and validates {@code file}.
     *
     * @throws ConfigException naming the file and, where the parser knows it, the line of the problem
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
        if (text.isBlank()) {
            return GatewayConfig.defaults();
        }
        try {
            // A document holding nothing ("---", "~") reads as null: no settings, like an empty file.
            return java.util.Objects.requireNonNullElseGet(MAPPER.readValue(text, GatewayConfig.class),
                    GatewayConfig::defaults);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + where(text, e) + ": " + describe(e));
        }
    }

    /**
     * The line of the problem: where the offending key is written when the error names one (the parser's own
     * location can be the end of the enclosing block), else the parser's location.
     */
    private static String where(String text, JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            List<JsonMappingException.Reference> path = mapping.getPath();
            for (int i = path.size() - 1; i >= 0; i--) {
                String key = path.get(i).getFieldName();
                if (key != null) {
                    int line = lineOfKey(text, key);
                    if (line > 0) {
                        return " line " + line;
                    }
                }
            }
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
    }

    private static int lineOfKey(String text, String key) {
        Pattern pattern = Pattern.compile("^\\s*(- )?\"?" + Pattern.quote(key) + "\"?\\s*:");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown setting '" + path(unknown) + "' (known here: " + unknown.getKnownPropertyIds() + ")";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return invalid.getCause().getMessage();
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "setting '" + path(mapping) + "': " + e.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
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
