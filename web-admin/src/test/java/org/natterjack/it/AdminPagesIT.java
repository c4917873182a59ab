package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.natterjack.webadmin.tls.TestCertificates;

/** Ring groups, the log viewer and certificate upload over HTTPS in a real gateway process. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesIT {

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
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                relay:
                  port-min: 26200
                  port-max: 26299
                """, List.of(), "--listen", "127.0.0.1:" + sipPort, "--admin-listen", "127.0.0.1:" + adminPort);
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
    void ringGroupsAreKeptThroughTheApiAndThePage() throws Exception {
        AdminClient.Response added = admin.json("POST", "/api/v1/groups",
                "{\"name\":\"sales\",\"members\":[\"alice\",\"bob\"],\"ringSeconds\":20}");
        assertEquals(201, added.status(), added.body());
        assertEquals("parallel", JSON.readTree(added.body()).get("strategy").asText());
        AdminClient.Response bad = admin.json("POST", "/api/v1/groups",
                "{\"name\":\"support\",\"members\":[],\"ringSeconds\":20}");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("at least one member"), bad.body());

        AdminClient.Response changed = admin.form("/groups", Map.of("original", "sales", "name", "sales",
                "members", "carol, alice", "strategy", "sequential", "ringSeconds", "15"));
        assertEquals(303, changed.status(), changed.body());
        JsonNode sales = JSON.readTree(admin.get("/api/v1/groups/sales").body());
        assertEquals(List.of("carol", "alice"), List.of(sales.get("members").get(0).asText(),
                sales.get("members").get(1).asText()));
        assertEquals("sequential", sales.get("strategy").asText());
        AdminClient.Response formError = admin.form("/groups", Map.of("name", "Bad Name", "members", "x",
                "strategy", "parallel", "ringSeconds", "15"));
        assertEquals(400, formError.status());
        assertTrue(formError.body().contains("id=\"error\""), formError.body());
        assertTrue(admin.get("/groups").body().contains("(no such user)"), "carol and alice are no SIP users");

        AdminClient.Response simulated = admin.json("POST", "/api/v1/routes", "{\"id\":0,\"position\":10,"
                + "\"prefix\":\"555\",\"regex\":\"\",\"source\":\"\",\"strip\":0,\"addPrefix\":\"\",\"replace\":\"\","
                + "\"replacement\":\"\",\"destination\":\"group:sales\",\"failover\":false,\"description\":\"\"}");
        assertEquals(201, simulated.status(), simulated.body());
        assertEquals(204, admin.json("DELETE", "/api/v1/groups/sales", null).status());
        assertEquals(404, admin.get("/api/v1/groups/sales").status());
        String audit = admin.get("/api/v1/audit").body();
        for (String action : List.of("ring-group.add", "ring-group.update", "ring-group.remove")) {
            assertTrue(audit.contains("\"" + action + "\""), action + " in " + audit);
        }
    }

    @Test
    @Order(2)
    void theLogViewerFiltersRecentEventsAndMasksTheSetupToken() throws Exception {
        JsonNode setup = JSON.readTree(admin.get("/api/v1/logs?text=admin+setup&level=INFO&limit=5").body());
        assertEquals(1, setup.size(), setup.toString());
        assertTrue(setup.get(0).get("message").asText().endsWith("/setup?token=***"), setup.toString());
        assertEquals("org.natterjack.webadmin.WebAdminPlugin", setup.get(0).get("logger").asText());
        assertEquals(0, JSON.readTree(admin.get("/api/v1/logs?text=admin+setup&level=ERROR").body()).size());
        assertEquals(400, admin.get("/api/v1/logs?level=LOUD").status());

        AdminClient.Response page = admin.get("/logs?level=INFO&logger=org.natterjack.webadmin&text=setup");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("token=***"), page.body());
        assertTrue(admin.get("/fragments/logs?level=WARN&limit=x").body().contains("is not a whole number"));
    }

    @Test
    @Order(3)
    void anUploadedCertificateIsServedAtOnceAndAWrongOneReplacesNothing() throws Exception {
        Path served = gateway.dataDir().resolve("web-admin/certificate.pem");
        Path generated = dir.resolve("generated.pem");
        Files.copy(served, generated);
        TestCertificates first = TestCertificates.selfSigned("first.test");
        TestCertificates second = TestCertificates.selfSigned("second.test");

        AdminClient.Response mixed = admin.json("PUT", "/api/v1/tls/certificate", JSON.writeValueAsString(Map.of(
                "certificate", first.certificatePem(), "privateKey", second.keyPem())));
        assertEquals(400, mixed.status());
        assertEquals("privateKey", JSON.readTree(mixed.body()).get("field").asText(), mixed.body());
        assertEquals(Files.readString(generated), Files.readString(served), "nothing replaced");

        AdminClient.Response uploaded = admin.json("PUT", "/api/v1/tls/certificate", JSON.writeValueAsString(Map.of(
                "certificate", second.certificatePem(), "privateKey", second.keyPem())));
        assertEquals(200, uploaded.status(), uploaded.body());
        assertEquals(false, JSON.readTree(uploaded.body()).get("appliesAtRestart").asBoolean());

        AdminClient fresh = client().logIn("admin", PASSWORD);
        assertTrue(JSON.readTree(fresh.get("/api/v1/tls/certificate").body()).get("subject").asText()
                .contains("second.test"));
        assertThrows(IOException.class, () -> AdminClient.trusting(generated, adminPort).get("/login"),
                "a new connection no longer gets the generated certificate");
        assertTrue(fresh.get("/certificate").body().contains("CN=second.test"));
        assertTrue(fresh.get("/api/v1/audit").body().contains("\"tls.certificate\""));
    }
}
