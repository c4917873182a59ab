package org.natterjack.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.admin.RestoreResult;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.nat.NatPolicy;
import org.natterjack.plugin.BackupPart;
import org.natterjack.plugin.TableBackup;
import org.natterjack.routing.RingGroup;
import org.natterjack.routing.RuleSpec;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.RouteRepository;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.Store;
import org.natterjack.store.UserRepository;
import org.natterjack.testing.MutableClock;
import org.natterjack.users.UserPolicy;

class ConfigurationBackupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final GatewayConfig file = GatewayConfig.defaults();
    private final LiveConfig live = new LiveConfig(file);
    private final MutableClock clock = new MutableClock();
    private Store store;
    private UserRepository users;
    private RouteRepository routes;
    private GroupRepository groups;
    private SettingsRepository settings;
    private ConfigurationBackup backup;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(dir);
        try (var c = store.connect(); var st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE plugin_thing (name TEXT PRIMARY KEY, size INTEGER NOT NULL)");
            st.executeUpdate("INSERT INTO plugin_thing VALUES ('widget', 3)");
        }
        users = new UserRepository(store, clock);
        routes = new RouteRepository(store);
        groups = new GroupRepository(store);
        settings = new SettingsRepository(store, clock);
        BackupPart plugin = new TableBackup("things", List.of(new TableBackup.Table("plugin_thing",
                List.of("name", "size"), "name")), data -> { });
        backup = new ConfigurationBackup(store, file, live, settings, () -> List.of(plugin), () -> { }, clock);
        users.add(SipUser.withPassword("alice", "", "natterjack", "secret"));
        users.add(SipUser.withPassword("bob", "example.org", "example.org", "hidden"));
        users.setPolicy("alice", "", new UserPolicy(2, NatPolicy.ALWAYS, "trunk:out"));
        routes.add(new RuleSpec(0, 10, "0", null, null, 1, "", null, null, "user:*", true, "strip the zero"));
        groups.add(new RingGroup("office", List.of("alice", "bob"), RingGroup.Strategy.SEQUENTIAL, 20));
        settings.save("nat", "{\"keepalive-seconds\":15}");
    }

    @Test
    void exportWipeImportGivesTheSameConfiguration() throws Exception {
        byte[] exported = backup.export();
        JsonNode parts = JSON.readTree(exported).get("parts");
        assertEquals(2, parts.get("sip-users").get("sip_user").size());
        assertTrue(parts.get("sip-users").get("sip_user").get(0).has("ha1_md5"));
        assertTrue(!new String(exported, StandardCharsets.UTF_8).contains("secret"), "no password");
        wipe();

        RestoreResult result = backup.restore(exported);

        assertEquals(2, result.items().get("sip-users"));
        assertEquals(withoutTime(exported), withoutTime(backup.export()));
        assertEquals(15, live.nat().keepaliveSeconds(), "settings applied to the running gateway");
        assertEquals("alice", users.list().get(0).username());
        assertEquals(new UserPolicy(2, NatPolicy.ALWAYS, "trunk:out"), users.policies().get("alice@"));
    }

    @Test
    void aBackupWithoutThePolicyColumnsRestoresTheDefaults() throws Exception {
        ObjectNode older = (ObjectNode) JSON.readTree(backup.export());
        older.get("parts").get("sip-users").get("sip_user").forEach(row ->
                ((ObjectNode) row).remove(List.of("max_contacts", "nat_policy", "home_route")));

        backup.restore(JSON.writeValueAsBytes(older));

        assertEquals(UserPolicy.DEFAULT, users.policies().get("alice@"));
    }

    @Test
    void anInvalidPolicyInABackupIsRefusedNamingTheRow() throws Exception {
        byte[] before = backup.export();
        for (String[] wrong : List.of(new String[] {"nat_policy", "sometimes"},
                new String[] {"home_route", "user:*"})) {
            ObjectNode document = (ObjectNode) JSON.readTree(before);
            ((ObjectNode) document.get("parts").get("sip-users").get("sip_user").get(0)).put(wrong[0], wrong[1]);
            assertRefused("sip-users.sip_user[alice]", JSON.writeValueAsBytes(document));
        }
        ObjectNode tooMany = (ObjectNode) JSON.readTree(before);
        ((ObjectNode) tooMany.get("parts").get("sip-users").get("sip_user").get(0)).put("max_contacts", 101);
        assertRefused("maxContacts", JSON.writeValueAsBytes(tooMany));

        assertEquals(withoutTime(before), withoutTime(backup.export()));
    }

    @Test
    void aCorruptOrForeignDocumentIsRefusedWithNothingChanged() throws Exception {
        byte[] before = backup.export();
        ObjectNode wrong = (ObjectNode) JSON.readTree(before);
        ((ObjectNode) wrong.get("parts").get("ring-groups").get("ring_group").get(0)).put("strategy", "random");
        ObjectNode future = (ObjectNode) JSON.readTree(before);
        future.put("version", 2);
        ObjectNode badSettings = (ObjectNode) JSON.readTree(before);
        ((ObjectNode) badSettings.get("parts").get("settings")).putObject("registrar").put("max-expires", 1);
        ObjectNode late = (ObjectNode) JSON.readTree(before);
        // valid on its own, refused by the store (two users of one name): the transaction rolls back
        ((com.fasterxml.jackson.databind.node.ArrayNode) late.get("parts").get("sip-users").get("sip_user"))
                .add(late.get("parts").get("sip-users").get("sip_user").get(0).deepCopy());

        assertRefused("not JSON", "{\"format\":".getBytes(StandardCharsets.UTF_8));
        assertRefused("version 2 is not supported", JSON.writeValueAsBytes(future));
        assertRefused("ring-groups.ring_group[office]", JSON.writeValueAsBytes(wrong));
        assertRefused("registrar.max-expires", JSON.writeValueAsBytes(badSettings));
        assertRefused("nothing changed", JSON.writeValueAsBytes(late));

        assertEquals(withoutTime(before), withoutTime(backup.export()));
    }

    private void assertRefused(String message, byte[] document) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backup.restore(document));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private void wipe() throws Exception {
        try (var c = store.connect(); var st = c.createStatement()) {
            for (String table : List.of("sip_user", "route_rule", "ring_group_member", "ring_group",
                    "settings_override", "plugin_thing")) {
                st.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static JsonNode withoutTime(byte[] document) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        root.remove("created");
        return root;
    }
}
