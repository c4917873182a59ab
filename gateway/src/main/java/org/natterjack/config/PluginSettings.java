package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code plugins:} section of the configuration file: one subsection per plug-in, kept as written until
 * the plug-in binds it to its own settings record ({@link #bind}), with the same strictness as the rest.
 */
public record PluginSettings(Map<String, JsonNode> sections) {

    public PluginSettings {
        sections = Map.copyOf(sections);
    }

    public static PluginSettings none() {
        return new PluginSettings(Map.of());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PluginSettings of(Map<String, JsonNode> sections) {
        Map<String, JsonNode> present = new HashMap<>();
        // "pstn:" with nothing under it reads as null: the plug-in's defaults, like an absent section.
        sections.forEach((name, node) -> present.put(name, node == null || node.isNull()
                ? JsonNodeFactory.instance.objectNode() : node));
        return new PluginSettings(present);
    }

    public Set<String> names() {
        return sections.keySet();
    }

    /**
     * Section {@code plugins.NAME} as {@code type} (a record with a {@code @JsonCreator} that fills in defaults);
     * an absent section binds like an empty one.
     *
     * @throws ConfigException naming the setting that is unknown or wrong
     */
    public <T> T bind(String name, Class<T> type) {
        return ConfigLoader.bind("plugins." + name,
                sections.getOrDefault(name, JsonNodeFactory.instance.objectNode()), type);
    }
}
