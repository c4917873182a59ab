package org.natterjack.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.natterjack.Version;
import org.natterjack.admin.Backup;
import org.natterjack.admin.RestoreResult;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.plugin.BackupPart;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Backup} over the store: the core's parts and the running plug-ins', read in one transaction and
 * replaced in one.
 */
public final class ConfigurationBackup implements Backup {

    static final String FORMAT = "natterjack-configuration";
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationBackup.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Store store;
    private final List<BackupPart> core;
    private final Supplier<List<BackupPart>> plugins;
    private final Runnable reload;
    private final Clock clock;

    /**
     * @param plugins the parts of the plug-ins running now
     * @param reload makes users and routes visible at once rather than at their next reload
     */
    public ConfigurationBackup(Store store, GatewayConfig file, LiveConfig live, SettingsRepository settings,
                               Supplier<List<BackupPart>> plugins, Runnable reload, Clock clock) {
        this.store = store;
        List<BackupPart> parts = new ArrayList<>(CoreParts.all());
        parts.add(new SettingsPart(file, live, settings));
        this.core = List.copyOf(parts);
        this.plugins = plugins;
        this.reload = reload;
        this.clock = clock;
    }

    @Override
    public byte[] export() {
        ObjectNode document = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("created", clock.instant().toString()).put("gateway", Version.current());
        ObjectNode parts = document.putObject("parts");
        try (Connection c = store.connect()) {
            c.setAutoCommit(false); // one read transaction: a consistent picture
            for (BackupPart part : parts()) {
                parts.set(part.name(), part.export(c));
            }
            c.commit();
            return JSON.writeValueAsBytes(document);
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot export the configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized RestoreResult restore(byte[] document) {
        List<BackupPart> known = parts();
        Map<BackupPart, JsonNode> restoring = validated(parse(document), known);
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<BackupPart, JsonNode> e : restoring.entrySet()) {
                    e.getKey().restore(c, e.getValue());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new IllegalArgumentException("the backup was refused, nothing changed: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot restore the configuration: " + e.getMessage(), e);
        }
        reload.run();
        restoring.keySet().forEach(BackupPart::restored);
        Map<String, Integer> items = new LinkedHashMap<>();
        restoring.forEach((part, data) -> items.put(part.name(), count(data)));
        List<String> unchanged = known.stream().filter(p -> !restoring.containsKey(p)).map(BackupPart::name).toList();
        LOG.info("Configuration restored: {}{}", items, unchanged.isEmpty() ? "" : "; unchanged: " + unchanged);
        return new RestoreResult(VERSION, items, unchanged);
    }

    private List<BackupPart> parts() {
        List<BackupPart> all = new ArrayList<>(core);
        all.addAll(plugins.get());
        return all;
    }

    private static JsonNode parse(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a configuration backup: not JSON ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a configuration backup: \"format\" is not \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("backup format version " + version + " is not supported (this"
                    + " gateway reads version " + VERSION + ")");
        }
        if (!root.path("parts").isObject()) {
            throw new IllegalArgumentException("not a configuration backup: no \"parts\" object");
        }
        return root.get("parts");
    }

    /** Every part of the document checked before anything changes; the core's parts must all be there. */
    private Map<BackupPart, JsonNode> validated(JsonNode parts, List<BackupPart> known) {
        Map<BackupPart, JsonNode> restoring = new LinkedHashMap<>();
        for (Iterator<String> names = parts.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            BackupPart part = known.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("backup part '" + name + "' is not known here (is its plug-in"
                            + " installed and running?)"));
            part.validate(parts.get(name));
            restoring.put(part, parts.get(name));
        }
        core.stream().filter(p -> !restoring.containsKey(p)).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException("backup part '" + p.name() + "' is missing");
        });
        return restoring;
    }

    /** Rows of the part's first table, or the number of its entries. */
    private static int count(JsonNode data) {
        Iterator<JsonNode> first = data.elements();
        if (first.hasNext()) {
            JsonNode head = first.next();
            if (head.isArray()) {
                return head.size();
            }
        }
        return data.size();
    }
}
