package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Network page and API in real gateway processes: one that is no appliance (idle plug-in), and one with the
 * plug-in forced on and its files in a temporary directory. The root side (the path unit and network-apply) is not
 * there: the test checks the files the gateway writes for it (candidate, stored file, request), not the links.
 * Every request comes in on 127.0.0.1, which the plug-in accepts as a confirmation (loopback).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATIC = """
            {"mode": "static", "address": "10.0.2.15/24", "gateway": "10.0.2.2", "dns": ["10.0.2.3"]}""";

    @TempDir
    static Path dir;
    static GatewayProcess idle;
    static GatewayProcess appliance;
    static AdminClient idleAdmin;
    static AdminClient admin;
    static Path network;
    static Path request;

    @BeforeAll
    static void start() throws Exception {
        int idlePort = Ports.free();
        idle = GatewayProcess.start(dir.resolve("idle"), "relay:\n  port-min: 26540\n  port-max: 26559\n", List.of(),
                "--listen", "127.0.0.1:" + Ports.free(), "--admin-listen", "127.0.0.1:" + idlePort);
        idleAdmin = AdminClient.setUpAdmin(idle, idlePort, PASSWORD);

        network = dir.resolve("network");
        request = dir.resolve("run/network-apply");
        int port = Ports.free();
        appliance = GatewayProcess.start(dir.resolve("appliance"), """
                relay:
                  port-min: 26560
                  port-max: 26579
                plugins:
                  network:
                    enabled: true
                    dir: %s
                    request-file: %s
                    confirm-seconds: 5
                """.formatted(network, request), List.of(),
                "--listen", "127.0.0.1:" + Ports.free(), "--admin-listen", "127.0.0.1:" + port);
        admin = AdminClient.setUpAdmin(appliance, port, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess g : new GatewayProcess[] {idle, appliance}) {
            if (g != null) {
                g.close();
            }
        }
    }

    @Test
    @Order(1)
    void whereThePlugInIsIdleThePageSaysSoAndChangesAreRefused() throws Exception {
        JsonNode status = JSON.readTree(idleAdmin.get("/api/v1/network").body());
        assertFalse(status.get("enabled").asBoolean());
        assertTrue(status.get("idleReason").asText().contains("not an appliance"), status.toString());
        assertEquals(409, idleAdmin.json("PUT", "/api/v1/network", STATIC).status());
        String page = idleAdmin.get("/network").body();
        assertTrue(page.contains("id=\"idle\"") && page.contains("<fieldset disabled>"), page);
    }

    @Test
    @Order(2)
    void invalidSettingsAre422WithEveryFieldAndNothingIsWritten() throws Exception {
        AdminClient.Response refused = admin.json("PUT", "/api/v1/network", """
                {"mode": "static", "address": "10.0.2.15/24", "gateway": "10.0.3.1", "dns": ["dns.example"]}""");
        assertEquals(422, refused.status(), refused.body());
        JsonNode body = JSON.readTree(refused.body());
        assertEquals("gateway", body.get("field").asText());
        assertEquals(2, body.get("errors").size(), refused.body());
        assertTrue(body.get("errors").get(1).get("message").asText().startsWith("dns: "), refused.body());
        assertFalse(Files.exists(request) || Files.exists(network));
        assertEquals(400, admin.json("PUT", "/api/v1/network", "{\"mode\": \"dhcp\", \"typo\": 1}").status());
    }

    @Test
    @Order(3)
    void anAppliedChangeWaitsAndIsStoredWhenConfirmed() throws Exception {
        JsonNode status = JSON.readTree(admin.get("/api/v1/network").body());
        assertTrue(status.get("enabled").asBoolean());
        assertEquals("dhcp", status.get("settings").get("mode").asText());
        assertTrue(status.get("links").isArray());

        AdminClient.Response applied = admin.json("PUT", "/api/v1/network", STATIC);
        assertEquals(202, applied.status(), applied.body());
        JsonNode pending = JSON.readTree(applied.body()).get("pending");
        assertEquals("10.0.2.15/24", pending.get("settings").get("address").asText());
        assertEquals("10.0.2.15", pending.get("confirmAt").get(0).asText());
        assertEquals("candidate\n", Files.readString(request));
        String candidate = Files.readString(network.resolve("50-natterjack.network.candidate"));
        assertTrue(candidate.contains("[Match]\nName=en* eth*\n\n[Network]\nAddress=10.0.2.15/24\nGateway=10.0.2.2\n"
                + "DNS=10.0.2.3\n"), candidate);
        assertFalse(Files.exists(network.resolve("50-natterjack.network")));
        assertEquals(409, admin.json("PUT", "/api/v1/network", STATIC).status(), "one change at a time");
        String live = admin.get("/fragments/network").body();
        assertTrue(live.contains("id=\"seconds-left\"") && live.contains("id=\"confirm-network\""), live);

        AdminClient.Response confirmed = admin.json("POST", "/api/v1/network/confirm", null);
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals(candidate, Files.readString(network.resolve("50-natterjack.network")));
        assertFalse(Files.exists(network.resolve("50-natterjack.network.candidate")));
        JsonNode after = JSON.readTree(admin.get("/api/v1/network").body());
        assertEquals("static", after.get("settings").get("mode").asText());
        assertTrue(after.get("pending").isNull(), after.toString());
        assertTrue(after.get("lastOutcome").asText().startsWith("confirmed"), after.toString());
        String audit = admin.get("/api/v1/audit").body();
        assertTrue(audit.contains("network.apply") && audit.contains("network.confirm"), audit);
        String page = admin.get("/network").body();
        assertTrue(page.contains("value=\"10.0.2.15/24\"") && page.contains("/static/network.js"), page);
    }

    @Test
    @Order(4)
    void anUnconfirmedChangeIsRevertedAfterConfirmSeconds() throws Exception {
        String stored = Files.readString(network.resolve("50-natterjack.network"));
        AdminClient.Response applied = admin.json("PUT", "/api/v1/network", "{\"mode\": \"dhcp\"}");
        assertEquals(202, applied.status(), applied.body());
        assertEquals("candidate\n", Files.readString(request));
        assertTrue(Files.readString(network.resolve("50-natterjack.network.candidate")).contains("DHCP=yes"));

        JsonNode status = null;
        for (int i = 0; i < 100; i++) {
            status = JSON.readTree(admin.get("/api/v1/network").body());
            if (status.get("pending").isNull()) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(status.get("pending").isNull(), status.toString());
        assertTrue(status.get("lastOutcome").asText().contains("was not confirmed within 5 s"), status.toString());
        assertEquals("stored\n", Files.readString(request));
        assertFalse(Files.exists(network.resolve("50-natterjack.network.candidate")));
        assertEquals(stored, Files.readString(network.resolve("50-natterjack.network")));
        assertEquals(409, admin.json("POST", "/api/v1/network/confirm", null).status(), "too late");
        assertTrue(admin.get("/fragments/network").body().contains("id=\"last-outcome\" class=\"error\""));
        assertTrue(appliance.log().contains("was not confirmed within 5 s: reverted to the stored settings"));
    }
}
