package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PSTN pages and API over HTTPS in a gateway running the PSTN plug-in with no Asterisk to talk to:
 * trunks and spans are edited and written to Asterisk's configuration, the status says why nothing takes
 * calls, and a test call fails with that reason. The adapter is switched off and on again while the gateway
 * runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PstnAdminIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int adminPort;
    static AdminClient admin;

    @BeforeAll
    static void startGateway() throws Exception {
        adminPort = Ports.free();
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                relay:
                  port-min: 26100
                  port-max: 26199
                proxy:
                  trusted-peers: ["127.0.0.1/32"]
                plugins:
                  pstn:
                    enabled: true
                    asterisk-config-dir: %s
                    dahdi-config-dir: %s
                    ami-port: %d
                    agi-port: %d
                    ping-seconds: 1
                    timeout-ms: 500
                    reconnect-max-seconds: 2
                """.formatted(dir.resolve("asterisk"), dir.resolve("dahdi"), Ports.free(), Ports.free()), List.of(),
                "--listen", "127.0.0.1:" + Ports.free(), "--admin-listen", "127.0.0.1:" + adminPort);
        admin = AdminClient.setUpAdmin(gateway, adminPort, PASSWORD);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static AdminClient client() throws Exception {
        return AdminClient.of(gateway, adminPort);
    }

    @Test
    @Order(1)
    void trunksAndSpansAddedThroughTheApiAreWrittenForAsterisk() throws Exception {
        AdminClient.Response added = admin.json("POST", "/api/v1/pstn/trunks",
                "{\"name\":\"city\",\"group\":2,\"callerId\":\"+4930123456\",\"description\":\"E1\"}");
        assertEquals(201, added.status(), added.body());
        assertEquals("dahdi", JSON.readTree(added.body()).get("type").asText());
        AdminClient.Response span = admin.json("POST", "/api/v1/pstn/spans",
                "{\"number\":1,\"trunk\":\"city\",\"type\":\"e1\"}");
        assertEquals(201, span.status(), span.body());
        assertEquals(31, JSON.readTree(span.body()).get("ports").asInt());

        assertTrue(Files.readString(dir.resolve("dahdi/system.conf")).contains("span=1,1,0,ccs,hdb3,crc4"));
        assertTrue(Files.readString(dir.resolve("asterisk/extensions.conf")).contains("DAHDI/g2"));
        JsonNode trunks = JSON.readTree(admin.get("/api/v1/pstn/trunks").body());
        assertEquals("city", trunks.get(0).get("settings").get("name").asText());
        assertEquals(false, trunks.get(0).get("status").get("available").asBoolean());
        assertTrue(trunks.get(0).get("status").get("reason").asText().contains("Asterisk is not connected"),
                trunks.toString());
        JsonNode spans = JSON.readTree(admin.get("/api/v1/pstn/spans").body());
        assertEquals("UNKNOWN", spans.get(0).get("status").get("state").asText(), spans.toString());
        AdminClient.Response restart = admin.json("POST", "/api/v1/pstn/asterisk/restart", null);
        assertEquals(503, restart.status(), restart.body());
        assertTrue(restart.body().contains("cannot restart Asterisk"), restart.body());
    }

    @Test
    @Order(2)
    void invalidSettingsAreRefusedWithTheReasonAndNothingIsSaved() throws Exception {
        AdminClient.Response bad = admin.json("POST", "/api/v1/pstn/trunks",
                "{\"name\":\"county\",\"failover\":\"nowhere\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("nowhere"), bad.body());
        AdminClient.Response overlap = admin.json("POST", "/api/v1/pstn/spans",
                "{\"number\":2,\"trunk\":\"city\",\"type\":\"fxo\",\"ports\":4,\"firstChannel\":5}");
        assertEquals(400, overlap.status());
        assertTrue(overlap.body().contains("overlap"), overlap.body());
        AdminClient.Response form = admin.form("/pstn/trunks", Map.of("name", "county", "callerId", "call me"));
        assertEquals(400, form.status());
        assertTrue(form.body().contains("id=\"trunk-error\""), form.body());
        assertTrue(form.body().contains("value=\"call me\""), "the form keeps what was typed");
        assertEquals(1, JSON.readTree(admin.get("/api/v1/pstn/trunks").body()).size());
    }

    @Test
    @Order(3)
    void aTrunkIsChangedThroughItsForm() throws Exception {
        AdminClient.Response edit = admin.get("/pstn?trunk=city");
        assertEquals(200, edit.status());
        assertTrue(edit.body().contains("value=\"+4930123456\""), edit.body());
        AdminClient.Response saved = admin.form("/pstn/trunks", Map.of("original", "city", "name", "city",
                "type", "dahdi", "group", "3", "presentation", "restricted", "description", "E1 to the city"));
        assertEquals(303, saved.status(), saved.body());
        JsonNode city = JSON.readTree(admin.get("/api/v1/pstn/trunks").body()).get(0).get("settings");
        assertEquals(3, city.get("group").asInt());
        assertEquals("", city.get("callerId").asText());
    }

    @Test
    @Order(4)
    void aTestCallWithoutAsteriskFailsWithTheReason() throws Exception {
        AdminClient.Response call = admin.json("POST", "/api/v1/pstn/test-call",
                "{\"trunk\":\"city\",\"number\":\"0301234\"}");
        assertEquals(503, call.status(), call.body());
        assertTrue(call.body().contains("no test call"), call.body());
        AdminClient.Response page = admin.form("/pstn/test-call", Map.of("trunk", "city", "number", "0301234"));
        assertTrue(page.body().contains("id=\"action-error\""), page.body());
        AdminClient.Response reload = admin.json("POST", "/api/v1/pstn/reload", null);
        assertEquals(503, reload.status());
        assertTrue(reload.body().contains("not connected"), reload.body());
        assertTrue(admin.get("/pstn").body().contains("not connected"));
    }

    @Test
    @Order(5)
    void changesAreAuditedAndRemovalsFollowThePlan() throws Exception {
        assertEquals(400, admin.json("DELETE", "/api/v1/pstn/trunks/city", null).status(), "span 1 still uses it");
        assertEquals(204, admin.json("DELETE", "/api/v1/pstn/spans/1", null).status());
        assertEquals(204, admin.json("DELETE", "/api/v1/pstn/trunks/city", null).status());
        assertEquals(404, admin.json("DELETE", "/api/v1/pstn/trunks/city", null).status());
        String audit = admin.get("/api/v1/audit").body();
        for (String action : List.of("trunk.add", "trunk.update", "span.add", "span.remove", "trunk.remove")) {
            assertTrue(audit.contains("\"" + action + "\""), action + " in " + audit);
        }
    }

    @Test
    @Order(6)
    void theAdapterIsSwitchedOffAndOnAgainFromThePageAndTheApi() throws Exception {
        JsonNode state = JSON.readTree(admin.get("/api/v1/pstn/adapter").body());
        assertEquals("file", state.get("source").asText(), state.toString());
        assertTrue(state.get("enabled").asBoolean() && state.get("running").asBoolean(), state.toString());
        for (String bad : List.of("{}", "{\"enabled\": \"yes\"}", "{\"enabled\": 1}", "[true]",
                "{\"enabled\": true, \"now\": true}", "not json")) {
            AdminClient.Response refused = admin.json("PUT", "/api/v1/pstn/adapter", bad);
            assertEquals(422, refused.status(), bad + ": " + refused.body());
        }

        AdminClient.Response off = admin.form("/pstn/adapter", Map.of("enabled", "false"));
        assertEquals(200, off.status(), off.body());
        assertTrue(off.body().contains("id=\"not-running\""), off.body());
        assertTrue(off.body().contains("switched off in the web admin on "), off.body());
        assertTrue(gateway.log().contains("PSTN adapter stopped"), gateway.log());
        AdminClient.Response trunks = admin.get("/api/v1/pstn/trunks");
        assertEquals(503, trunks.status());
        assertTrue(trunks.body().contains("switched off in the web admin"), trunks.body());
        state = JSON.readTree(admin.get("/api/v1/pstn/adapter").body());
        assertEquals("web-admin", state.get("source").asText(), state.toString());
        assertEquals("admin", state.get("changedBy").asText());
        assertTrue(!state.get("enabled").asBoolean() && !state.get("running").asBoolean(), state.toString());
        assertEquals(false, JSON.readTree(admin.get("/api/v1/pstn").body()).get("running").asBoolean());

        AdminClient.Response on = admin.json("PUT", "/api/v1/pstn/adapter", "{\"enabled\": true}");
        assertEquals(200, on.status(), on.body());
        assertTrue(JSON.readTree(on.body()).get("running").asBoolean(), on.body());
        assertEquals(200, admin.get("/api/v1/pstn/trunks").status(), "running again, without a restart");
        assertTrue(admin.get("/pstn").body().contains("switched on in the web admin on "));

        assertEquals(201, admin.json("POST", "/api/v1/accounts", "{\"username\": \"watcher\", \"password\":"
                + " \"" + PASSWORD + "\", \"role\": \"monitor\"}").status());
        AdminClient monitor = client().logIn("watcher", PASSWORD);
        assertEquals(200, monitor.get("/api/v1/pstn/adapter").status());
        assertEquals(403, monitor.json("PUT", "/api/v1/pstn/adapter", "{\"enabled\": false}").status());
        assertTrue(!monitor.get("/pstn").body().contains("id=\"adapter-switch\""), "no switch for a monitor");
        String audit = admin.get("/api/v1/audit").body();
        assertEquals(2, audit.split("\"pstn.adapter\"", -1).length - 1, audit);
    }
}
