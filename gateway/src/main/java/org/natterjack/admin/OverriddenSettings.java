package org.natterjack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.InvalidSettingsException;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.SettingsOverlay;
import org.natterjack.config.SettingsSection;
import org.natterjack.store.SettingsRepository;

/** {@link Settings} on the configuration file's values, the overrides in the store and the live configuration. */
final class OverriddenSettings implements Settings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig file;
    private final LiveConfig live;
    private final SettingsRepository repository;

    /** @param file the configuration the gateway was started with, before any override */
    OverriddenSettings(GatewayConfig file, LiveConfig live, SettingsRepository repository) {
        this.file = file;
        this.live = live;
        this.repository = repository;
    }

    @Override
    public List<SettingsView> sections() {
        Map<SettingsSection, ObjectNode> overrides = overrides(repository.all());
        return java.util.Arrays.stream(SettingsSection.values()).map(s -> view(s, overrides)).toList();
    }

    @Override
    public Optional<SettingsView> section(String name) {
        return SettingsSection.byKey(name).map(s -> view(s, overrides(repository.all())));
    }

    @Override
    public synchronized SettingsChange apply(String name, Map<String, Object> values) {
        SettingsSection section = known(name);
        Map<SettingsSection, ObjectNode> overrides = overrides(repository.all());
        ObjectNode changed = overrides.getOrDefault(section, JSON.createObjectNode()).deepCopy();
        values.forEach((key, value) -> {
            if (value == null) {
                changed.remove(key);
            } else {
                changed.set(key, JSON.valueToTree(value));
            }
        });
        return change(section, overrides, changed);
    }

    @Override
    public synchronized SettingsChange reset(String name) {
        SettingsSection section = known(name);
        return change(section, overrides(repository.all()), JSON.createObjectNode());
    }

    private SettingsChange change(SettingsSection section, Map<SettingsSection, ObjectNode> overrides,
                                  ObjectNode changed) {
        SettingsView before = view(section, overrides);
        Map<SettingsSection, ObjectNode> next = new EnumMap<>(SettingsSection.class);
        next.putAll(overrides);
        next.put(section, changed);
        GatewayConfig candidate;
        try {
            candidate = SettingsOverlay.apply(file, next);
            live.verify(candidate);
        } catch (InvalidSettingsException e) {
            return new SettingsChange.Refused(e.problems().stream()
                    .map(p -> new FieldError(p.setting(), p.message())).toList());
        } catch (IllegalArgumentException e) {
            return new SettingsChange.Refused(List.of(new FieldError(section.key(), e.getMessage())));
        }
        // Stored in the form the file uses (strings from a form become numbers, addresses are normalised).
        ObjectNode effective = section.read(candidate);
        ObjectNode stored = JSON.createObjectNode();
        SortedSet<String> keys = new TreeSet<>(); // a stable order in the store and in backups
        changed.fieldNames().forEachRemaining(keys::add);
        keys.forEach(k -> stored.set(k, effective.get(k)));
        next.put(section, stored);
        repository.save(section.key(), stored.toString());
        live.update(candidate);
        return new SettingsChange.Applied(before, view(section, next));
    }

    private SettingsView view(SettingsSection section, Map<SettingsSection, ObjectNode> overrides) {
        ObjectNode effective = section.read(live.current());
        ObjectNode fromFile = section.read(file);
        ObjectNode started = section.read(live.started());
        ObjectNode overridden = overrides.getOrDefault(section, JSON.createObjectNode());
        List<SettingValue> values = new ArrayList<>();
        for (Iterator<String> keys = effective.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            boolean isLive = !section.needsRestart(key);
            values.add(new SettingValue(key, plain(effective.get(key)), plain(fromFile.get(key)),
                    overridden.has(key), isLive, !isLive && !effective.get(key).equals(started.get(key))));
        }
        return new SettingsView(section.key(), values);
    }

    private static Map<SettingsSection, ObjectNode> overrides(Map<String, String> stored) {
        return SettingsOverlay.parse(stored);
    }

    private static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : JSON.convertValue(node, Object.class);
    }

    private static SettingsSection known(String name) {
        return SettingsSection.byKey(name).orElseThrow(() -> new InvalidFieldException("section", "section: no settings"
                + " section '" + name + "' (known: registrar, auth, nat, proxy, dns, relay, sip)"));
    }
}
