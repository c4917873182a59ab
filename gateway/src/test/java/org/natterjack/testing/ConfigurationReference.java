package org.natterjack.testing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;

/**
 * The configuration reference, {@code docs/configuration.md}, as the tests that keep it true read it: every
 * {@code ```yaml} block in it is part of one configuration file that sets every key to its default. Keys are
 * compared with the {@code @JsonProperty} names of the settings records' {@code @JsonCreator}s (the file's
 * binding), values with what the loader makes of an empty file.
 */
public final class ConfigurationReference {

    /** From a module's directory, where Maven runs its tests. */
    public static final Path DOC = Path.of("..", "docs", "configuration.md");

    private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```$");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigurationReference() {
    }

    /** Every YAML block of the reference, merged into one tree. */
    public static ObjectNode documented() {
        try {
            Matcher blocks = YAML_BLOCK.matcher(Files.readString(DOC));
            ObjectNode merged = YAML.createObjectNode();
            while (blocks.find()) {
                merge(merged, (ObjectNode) YAML.readTree(blocks.group(1)));
            }
            return merged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOC.toAbsolutePath().normalize(), e);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            if (into.get(e.getKey()) instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    /**
     * The documented tree as a configuration file of its own, loaded as strictly as any: an unknown key
     * fails here, naming it.
     */
    public static GatewayConfig load(JsonNode tree, Path dir) {
        try {
            Path file = dir.resolve("documented.yaml");
            Files.writeString(file, YAML.writeValueAsString(tree));
            return ConfigLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dotted keys of a documented tree; a list of objects contributes its elements' keys. */
    public static SortedSet<String> keys(JsonNode node) {
        SortedSet<String> keys = new TreeSet<>();
        collect(node, "", keys);
        return keys;
    }

    private static void collect(JsonNode node, String prefix, SortedSet<String> keys) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), prefix + e.getKey() + ".", keys);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            node.forEach(element -> collect(element, prefix, keys));
        } else {
            keys.add(prefix.substring(0, prefix.length() - 1));
        }
    }

    /**
     * The dotted keys a settings record binds: its {@code @JsonCreator}'s {@code @JsonProperty} names, and
     * those of the records (or lists of records) it holds that bind the same way.
     */
    public static SortedSet<String> keys(Class<?> settings) {
        SortedSet<String> keys = new TreeSet<>();
        collect(settings, "", keys);
        return keys;
    }

    private static void collect(Class<?> type, String prefix, SortedSet<String> keys) {
        for (Parameter p : creator(type).orElseThrow(() -> new IllegalArgumentException(type + " has no"
                + " @JsonCreator with properties")).getParameters()) {
            String key = prefix + p.getAnnotation(JsonProperty.class).value();
            Optional<Class<?>> nested = bound(p.getParameterizedType());
            if (nested.isPresent()) {
                collect(nested.get(), key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The record a parameter binds with a creator of its own, directly or as the elements of a list. */
    private static Optional<Class<?>> bound(Type type) {
        Type element = type instanceof ParameterizedType list && list.getRawType() == List.class
                ? list.getActualTypeArguments()[0] : type;
        return element instanceof Class<?> c && creator(c).isPresent() ? Optional.of(c) : Optional.empty();
    }

    private static Optional<Executable> creator(Class<?> type) {
        return Stream.concat(Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isStatic(m.getModifiers())),
                        Arrays.stream(type.getDeclaredConstructors()))
                .filter(e -> e.isAnnotationPresent(JsonCreator.class))
                .filter(e -> e.getAnnotation(JsonCreator.class).mode() != JsonCreator.Mode.DELEGATING)
                .filter(e -> e.getParameterCount() > 0
                        && Arrays.stream(e.getParameters()).allMatch(p -> p.isAnnotationPresent(JsonProperty.class)))
                .map(e -> (Executable) e).findFirst();
    }

    /** Keys bound but not documented, and documented but not bound, one line each; empty if they agree. */
    public static List<String> keyProblems(String where, SortedSet<String> bound, SortedSet<String> documented) {
        List<String> problems = new ArrayList<>();
        bound.stream().filter(k -> !documented.contains(k))
                .forEach(k -> problems.add(where + k + " is a setting, but " + DOC + " does not document it"));
        documented.stream().filter(k -> !bound.contains(k))
                .forEach(k -> problems.add(where + k + " is documented in " + DOC + ", but is no setting"));
        return problems;
    }

    /** The components of two settings records that differ, one line each; empty if they are equal. */
    public static List<String> valueProblems(String where, Record documented, Record effective) {
        List<String> problems = new ArrayList<>();
        for (RecordComponent c : documented.getClass().getRecordComponents()) {
            Object d = value(c, documented);
            Object e = value(c, effective);
            if (!Objects.equals(d, e)) {
                problems.add(where + c.getName() + ": documented " + d + ", but the default is " + e);
            }
        }
        return problems;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What is wrong with the reference's {@code plugins.NAME} section: keys that {@code settings} binds and it
     * does not document, keys it documents that do not exist, and documented values that are not the defaults.
     */
    public static List<String> pluginProblems(String name, Class<? extends Record> settings, Path dir) {
        JsonNode section = documented().path("plugins").path(name);
        if (!section.isObject()) {
            return List.of(DOC + " documents no section plugins." + name);
        }
        String where = "plugins." + name + ".";
        List<String> problems = new ArrayList<>(keyProblems(where, keys(settings), keys(section)));
        if (problems.isEmpty()) {
            ObjectNode file = YAML.createObjectNode();
            file.putObject("plugins").set(name, section);
            Record documented = load(file, dir).plugins().bind(name, settings);
            problems.addAll(valueProblems(where, documented, GatewayConfig.defaults().plugins().bind(name, settings)));
        }
        return problems;
    }
}
