package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** These settings with {@code plugins.NAME.KEY} set to {@code value} (a command-line override). */
    public PluginSettings with(String name, String key, String value) {
        Map<String, JsonNode> changed = new HashMap<>(sections);
        ObjectNode section = changed.get(name) instanceof ObjectNode o ? o.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        section.put(key, value);
        changed.put(name, section);
        return new PluginSettings(changed);
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
