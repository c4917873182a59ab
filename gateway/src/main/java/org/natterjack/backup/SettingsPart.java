package org.natterjack.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.SettingsOverlay;
import org.natterjack.config.SettingsSection;
import org.natterjack.plugin.BackupPart;
import org.natterjack.store.SettingsRepository;

/** The settings overrides: an object of sections, each the overridden keys as in the configuration file. */
final class SettingsPart implements BackupPart {

    private final GatewayConfig file;
    private final LiveConfig live;
    private final SettingsRepository repository;

    SettingsPart(GatewayConfig file, LiveConfig live, SettingsRepository repository) {
        this.file = file;
        this.live = live;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public JsonNode export(Connection c) throws SQLException {
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        SettingsOverlay.parse(SettingsRepository.readAll(c)).forEach((s, values) -> sections.set(s.key(), values));
        return sections;
    }

    @Override
    public void validate(JsonNode data) {
        live.verify(SettingsOverlay.apply(file, SettingsOverlay.parse(stored(data))));
    }

    @Override
    public void restore(Connection c, JsonNode data) throws SQLException {
        repository.replaceAll(c, stored(data));
    }

    @Override
    public void restored() {
        live.update(SettingsOverlay.apply(file, SettingsOverlay.parse(repository.all())));
    }

    private static Map<String, String> stored(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("settings: an object of sections is expected");
        }
        Map<String, String> stored = new TreeMap<>();
        data.fields().forEachRemaining(e -> {
            if (SettingsSection.byKey(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("settings." + e.getKey() + ": no such settings section");
            }
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("settings." + e.getKey() + ": an object of settings is expected");
            }
            stored.put(e.getKey(), e.getValue().toString());
        });
        return stored;
    }
}
