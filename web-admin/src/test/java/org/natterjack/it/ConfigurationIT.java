package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings and backups over HTTPS in a running gateway: a changed registrar limit shows in the next REGISTER
 * answer, wrong values are refused field by field with nothing saved, a monitor may read but not change; a
 * downloaded backup restores deleted users and rules (a restored user registers at once), a corrupt one
 * changes nothing; all of it audited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigurationIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int sipPort;
    static int adminPort;
    static AdminClient admin;

    @BeforeAll
    static void startGateway() throws Exception {
        sipPort = Ports.free();
        adminPort = Ports.free();
        gateway = GatewayProcess.start(dir.resolve("gw"), "relay:\n  port-min: 26200\n  port-max: 26299\n",
                List.of(), "--listen", "127.0.0.1:" + sipPort, "--admin-listen", "127.0.0.1:" + adminPort);
        admin = AdminClient.setUpAdmin(gateway, adminPort, PASSWORD);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static AdminClient client() throws Exception {
        return AdminClient.of(gateway, adminPort);
    }

    static AdminClient loggedIn(String user) throws Exception {
        return client().logIn(user, PASSWORD);
    }

    static JsonNode json(AdminClient.Response r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    @Order(1)
    void aRegistrarLimitChangedOverHttpsShowsInTheNextRegisterAnswer() throws Exception {
        assertEquals(201, admin.json("POST", "/api/v1/users",
                "{\"username\":\"alice\",\"password\":\"secret-alice\"}").status());
        assertEquals(300, register(), "the phone gets what it asked for at first");

        AdminClient.Response changed = admin.json("PUT", "/api/v1/settings/registrar",
                "{\"max-expires\": 120, \"default-expires\": 120}");

        assertEquals(200, changed.status(), changed.body());
        assertEquals(120, register());
        JsonNode maxExpires = value(json(admin.get("/api/v1/settings/registrar")), "max-expires");
        assertEquals(120, maxExpires.get("value").asInt());
        assertEquals(3600, maxExpires.get("fileValue").asInt());
        assertTrue(maxExpires.get("overridden").asBoolean());
        assertTrue(maxExpires.get("live").asBoolean());
    }

    @Test
    @Order(2)
    void wrongValuesAreRefusedByFieldAndNothingIsSaved() throws Exception {
        AdminClient.Response refused = admin.json("PUT", "/api/v1/settings/nat",
                "{\"keepalive-seconds\": 10, \"refresh-seconds\": 30}");

        assertEquals(400, refused.status(), refused.body());
        assertEquals("nat.refresh-seconds", json(refused).get("field").asText(), refused.body());
        JsonNode nat = json(admin.get("/api/v1/settings/nat"));
        assertEquals(20, value(nat, "keepalive-seconds").get("value").asInt(), "nothing saved");
        assertEquals(404, admin.json("PUT", "/api/v1/settings/nonsense", "{}").status());

        AdminClient.Response page = admin.form("/settings/relay", Map.of("media-timeout-seconds", "-1",
                "enabled", "on"));
        assertEquals(400, page.status());
        assertTrue(page.body().contains("id=\"relay-media-timeout-seconds-error\""), page.body());
    }

    @Test
    @Order(3)
    void aMonitorReadsButCannotChangeAndChangesAreAudited() throws Exception {
        assertEquals(201, admin.json("POST", "/api/v1/accounts",
                "{\"username\":\"watcher\",\"password\":\"" + PASSWORD + "\",\"role\":\"monitor\"}").status());
        AdminClient monitor = loggedIn("watcher");

        assertEquals(200, monitor.get("/api/v1/settings").status());
        assertEquals(403, monitor.json("PUT", "/api/v1/settings/relay", "{\"always-anchor\": true}").status());
        assertTrue(monitor.get("/settings").body().contains("after restart"));

        AdminClient.Response reset = admin.json("DELETE", "/api/v1/settings/registrar", null);
        assertEquals(200, reset.status(), reset.body());
        String audit = admin.get("/api/v1/audit").body();
        assertTrue(audit.contains("settings.change") && audit.contains("settings.reset"), audit);
        assertEquals(300, register(), "the file's limits again");
    }

    @Test
    @Order(4)
    void aDownloadedBackupRestoresWhatWasDeleted() throws Exception {
        assertEquals(201, admin.json("POST", "/api/v1/users",
                "{\"username\":\"bob\",\"password\":\"secret-bob\"}").status());
        AdminClient.Response rule = admin.json("POST", "/api/v1/routes",
                "{\"position\":10,\"prefix\":\"0\",\"strip\":1,\"destination\":\"user:*\"}");
        assertEquals(201, rule.status(), rule.body());
        AdminClient.Response download = admin.get("/api/v1/backup");
        assertEquals(200, download.status());
        assertTrue(download.header("Content-Disposition").startsWith("attachment"));
        JsonNode document = json(download);
        assertEquals(1, document.get("version").asInt());
        assertTrue(document.get("parts").get("web-admin").get("admin_account").size() >= 2);
        assertTrue(!download.body().contains("secret-bob") && !download.body().contains(PASSWORD), "hashes only");

        assertEquals(204, admin.json("DELETE", "/api/v1/users/bob", null).status());
        assertEquals(204, admin.json("DELETE", "/api/v1/routes/" + json(rule).get("id").asLong(), null).status());
        AdminClient.Response restored = admin.json("POST", "/api/v1/backup/restore", download.body());

        assertEquals(200, restored.status(), restored.body());
        assertEquals(2, json(restored).get("items").get("sip-users").asInt(), restored.body());
        assertTrue(admin.get("/api/v1/users").body().contains("\"bob\""));
        assertTrue(admin.get("/api/v1/routes").body().contains("user:*"));
        assertEquals(300, register("bob", "secret-bob"), "the restored user registers at once");
    }

    @Test
    @Order(5)
    void aCorruptBackupIsRefusedAndNothingChanges() throws Exception {
        String users = admin.get("/api/v1/users").body();

        AdminClient.Response future = admin.json("POST", "/api/v1/backup/restore",
                "{\"format\":\"natterjack-configuration\",\"version\":99,\"parts\":{}}");
        assertEquals(400, future.status());
        assertTrue(json(future).get("error").asText().contains("version 99"), future.body());
        JsonNode document = json(admin.get("/api/v1/backup"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("parts").get("sip-users").get("sip_user")
                .get(0)).put("ha1_md5", "not a hash");
        AdminClient.Response wrong = admin.json("POST", "/api/v1/backup/restore", JSON.writeValueAsString(document));
        assertEquals(400, wrong.status());
        assertTrue(json(wrong).get("error").asText().contains("ha1_md5"), wrong.body());

        assertEquals(users, admin.get("/api/v1/users").body());
        AdminClient monitor = loggedIn("watcher");
        assertEquals(403, monitor.get("/api/v1/backup").status());
        assertTrue(admin.get("/backup").body().contains("id=\"restore\""));
        String audit = admin.get("/api/v1/audit").body();
        assertTrue(audit.contains("backup.download") && audit.contains("backup.restore"), audit);
    }

    private static JsonNode value(JsonNode section, String key) {
        for (JsonNode v : section.get("values")) {
            if (v.get("key").asText().equals(key)) {
                return v;
            }
        }
        throw new AssertionError("no " + key + " in " + section);
    }

    private static int register() throws Exception {
        return register("alice", "secret-alice");
    }

    /** Registers a new contact of a user asking for 300 s; what the gateway's 200 OK grants it. */
    private static int register(String user, String password) throws Exception {
        int phonePort = Ports.free();
        Sipp.Result r = Sipp.run(dir.resolve("sipp"), List.of(), "register.xml", "127.0.0.1:" + sipPort, List.of(
                "-i", "127.0.0.1", "-p", Integer.toString(phonePort), "-au", user, "-ap", password,
                "-key", "user", user, "-key", "domain", "127.0.0.1",
                "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + phonePort + ">",
                "-key", "expires", "Expires: 300",
                "-key", "cseq1", "1", "-key", "cseq2", "2", "-cid_str", user + "-%u-%p@test"));
        assertEquals(200, r.lastReceived().status(), r.screen());
        Matcher granted = Pattern.compile(":" + phonePort + ">;expires=(\\d+)").matcher(r.lastReceived().text());
        assertTrue(granted.find(), r.lastReceived().text());
        return Integer.parseInt(granted.group(1));
    }
}
