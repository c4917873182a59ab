package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.natterjack.testing.ConfigurationReference.documented;
import static org.natterjack.testing.ConfigurationReference.keyProblems;
import static org.natterjack.testing.ConfigurationReference.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.ConfigurationReference;

/**
 * docs/configuration.md cannot drift from the settings records: every key the file binds is documented, every
 * documented key exists, and every documented value is the one the gateway uses when the key is absent. The
 * plug-ins' sections are checked in their own modules.
 */
class ConfigurationReferenceTest {

    @TempDir
    Path dir;

    /** The core's part of the reference: everything but {@code plugins}. */
    private static ObjectNode core() {
        ObjectNode core = documented().deepCopy();
        core.remove("plugins");
        return core;
    }

    @Test
    void everySettingIsDocumentedAndEveryDocumentedKeyIsASetting() {
        SortedSet<String> bound = keys(GatewayConfig.class);
        bound.remove("plugins");

        assertEquals(List.of(), keyProblems("", bound, keys(core())));
    }

    @Test
    void documentedValuesAreTheDefaults() throws Exception {
        GatewayConfig documented = ConfigurationReference.load(core(), dir);
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        GatewayConfig effective = ConfigLoader.load(empty);

        List<String> problems = new ArrayList<>();
        // NATTERJACK_DATA_DIR, if set, overrides the default, as the reference says.
        Path defaultDataDir = System.getenv("NATTERJACK_DATA_DIR") == null ? effective.dataDir() : Path.of("data");
        if (!documented.dataDir().normalize().equals(defaultDataDir.normalize())) {
            problems.add("data-dir: documented " + documented.dataDir() + ", but the default is " + defaultDataDir);
        }
        for (SettingsSection section : SettingsSection.values()) {
            ObjectNode d = section.read(documented);
            ObjectNode e = section.read(effective);
            for (Iterator<String> keys = e.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode documentedValue = d.path(key);
                if (!documentedValue.equals(e.get(key))) {
                    problems.add(section.key() + "." + key + ": documented " + documentedValue + ", but the default is "
                            + e.get(key));
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(effective, documented.withDataDir(effective.dataDir()),
                "what the sections' file form does not show (e.g. a relay interface's own port range)");
    }

    @Test
    void theReferenceIsReadAsOneFile() {
        SortedSet<String> keys = keys(documented());

        // Spot checks that the blocks were found and merged: the core's first block and a plug-in's.
        assertEquals(true, keys.contains("sip.listen"), keys.toString());
        assertEquals(true, keys.contains("relay.interfaces.advertise"), keys.toString());
        assertEquals(true, keys.contains("plugins.web-admin.listen"), keys.toString());
    }
}
