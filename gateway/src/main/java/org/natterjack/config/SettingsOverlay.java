package org.natterjack.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective configuration: the file's sections overlaid with the operator's overrides, key by key, and
 * checked by the same records and rules as the file itself (cross-section rules included).
 */
public final class SettingsOverlay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SETTING = Pattern.compile("\\b([a-z]+)\\.([a-z][a-z0-9-]*)");

    private static final Logger LOG = LoggerFactory.getLogger(SettingsOverlay.class);

    private SettingsOverlay() {
    }

    /**
     * The configuration to start with: {@code file} overlaid with the stored overrides. Overrides that no
     * longer fit (the file changed under them) are left out with one log line rather than keeping the
     * gateway from starting; the operator sees and fixes them on the settings page.
     */
    public static GatewayConfig atStart(GatewayConfig file, Map<String, String> stored) {
        try {
            return apply(file, parse(stored));
        } catch (IllegalArgumentException e) {
            LOG.warn("Settings overrides from the store are ignored, the configuration file applies: {};"
                    + " change or reset them in the web admin", e.getMessage());
            return file;
        }
    }

    /**
     * Stored overrides (section name to a JSON object) by section; sections this version does not know are
     * left out.
     *
     * @throws IllegalArgumentException if one is not a JSON object
     */
    public static Map<SettingsSection, ObjectNode> parse(Map<String, String> stored) {
        Map<SettingsSection, ObjectNode> parsed = new EnumMap<>(SettingsSection.class);
        stored.forEach((name, json) -> SettingsSection.byKey(name).ifPresent(s -> parsed.put(s, object(name, json))));
        return parsed;
    }

    private static ObjectNode object(String name, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": stored settings are not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(name + ": stored settings are not a JSON object");
        }
        return object;
    }

    /**
     * @param overrides per section, the keys the operator set (file keys and value forms)
     * @throws InvalidSettingsException naming every section whose overrides are wrong, or the cross-section
     *     rule they break; nothing is built then
     */
    public static GatewayConfig apply(GatewayConfig base, Map<SettingsSection, ObjectNode> overrides) {
        Map<SettingsSection, Object> bound = new EnumMap<>(SettingsSection.class);
        List<InvalidSettingsException.Problem> problems = new ArrayList<>();
        overrides.forEach((section, values) -> {
            ObjectNode merged = section.read(base);
            merged.setAll(values.deepCopy());
            try {
                bound.put(section, ConfigLoader.MAPPER.treeToValue(merged, section.type()));
            } catch (JsonProcessingException e) {
                problems.add(problem(section, e, values));
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidSettingsException.Problem(setting(section, e.getMessage(), values),
                        e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        try {
            return new GatewayConfig(base.dataDir(),
                    (SipSettings) bound.getOrDefault(SettingsSection.SIP, base.sip()),
                    (RegistrarSettings) bound.getOrDefault(SettingsSection.REGISTRAR, base.registrar()),
                    (AuthSettings) bound.getOrDefault(SettingsSection.AUTH, base.auth()),
                    (NatSettings) bound.getOrDefault(SettingsSection.NAT, base.nat()),
                    (ProxySettings) bound.getOrDefault(SettingsSection.PROXY, base.proxy()),
                    (DnsSettings) bound.getOrDefault(SettingsSection.DNS, base.dns()),
                    (RelaySettings) bound.getOrDefault(SettingsSection.RELAY, base.relay()),
                    base.websocket(), base.metrics(), base.cdr(), base.capture(), base.plugins(), base.store(),
                    base.node());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(List.of(new InvalidSettingsException.Problem(
                    crossSetting(e.getMessage(), overrides), e.getMessage())));
        }
    }

    private static InvalidSettingsException.Problem problem(SettingsSection section, JsonProcessingException e,
                                                            ObjectNode values) {
        String message = ConfigLoader.describe(e);
        String path = e instanceof JsonMappingException mapping ? ConfigLoader.path(mapping) : "";
        String field = path.isEmpty() ? setting(section, message, values)
                : section.key() + "." + path.replaceFirst("\\[.*", "");
        return new InvalidSettingsException.Problem(field, field + ": " + message.replaceFirst(
                "^setting '[^']*': ", ""));
    }

    /** The setting a record's message names, preferring one the operator changed; else the section. */
    private static String setting(SettingsSection section, String message, ObjectNode values) {
        String first = null;
        Matcher m = SETTING.matcher(message == null ? "" : message);
        while (m.find()) {
            if (m.group(1).equals(section.key())) {
                if (values.has(m.group(2))) {
                    return m.group();
                }
                first = first == null ? m.group() : first;
            }
        }
        return first == null ? section.key() : first;
    }

    private static String crossSetting(String message, Map<SettingsSection, ObjectNode> overrides) {
        String first = null;
        Matcher m = SETTING.matcher(message == null ? "" : message);
        while (m.find()) {
            String section = m.group(1);
            boolean changed = SettingsSection.byKey(section).map(overrides::get)
                    .map(v -> v.has(m.group(2))).orElse(false);
            if (changed) {
                return m.group();
            }
            first = first == null ? m.group() : first;
        }
        return first == null ? "settings" : first;
    }
}
