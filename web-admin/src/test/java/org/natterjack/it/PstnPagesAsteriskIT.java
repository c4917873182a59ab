package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The PSTN pages and API against a real Asterisk (the pstn module's lab: a sip-peer trunk whose far end is
 * sipp): the trunk shows available, a test call placed through the API is seen among the active calls, is
 * hung up through the API (the far end gets the BYE) and ends among the recent calls with cause 16; a trunk
 * added through the API makes the gateway reload Asterisk; Asterisk restarts on request and the link comes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PstnPagesAsteriskIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static PstnLab lab;
    static int farEndPort;
    static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        lab = PstnLab.create(dir, "webadmin");
        farEndPort = Ports.free();
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":" + farEndPort);
        int adminPort = Ports.free();
        lab.start(List.of("--admin-listen", "127.0.0.1:" + adminPort));
        admin = AdminClient.setUpAdmin(lab.gateway, adminPort, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static JsonNode get(String path) throws Exception {
        AdminClient.Response r = admin.get(path);
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    @Order(1)
    void theTrunkIsAvailableWhileAsteriskIsConnected() throws Exception {
        JsonNode lab = get("/api/v1/pstn/trunks").get(0);
        assertEquals("lab", lab.get("settings").get("name").asText());
        assertTrue(lab.get("status").get("available").asBoolean(), lab.toString());
        String page = admin.get("/pstn").body();
        assertTrue(page.contains("connected since"), page);
        assertTrue(page.contains("available"), page);
    }

    @Test
    @Order(2)
    void aTestCallIsSeenAndHungUpThroughTheApi() throws Exception {
        Sipp.Running farEnd = Sipp.start(dir.resolve("pstn"), List.of(), "uas-pstn-answer.xml",
                PstnLab.PSTN + ":" + farEndPort, List.of("-i", PstnLab.PSTN, "-p", Integer.toString(farEndPort),
                        "-mp", Integer.toString(Ports.free()), "-key", "rtp_port", Integer.toString(Ports.free())));
        AdminClient.Response placed = admin.json("POST", "/api/v1/pstn/test-call",
                "{\"trunk\":\"lab\",\"number\":\"0305550\"}");
        assertEquals(202, placed.status(), placed.body());

        String callId = awaitAnsweredCall();
        AdminClient.Response hungUp = admin.json("DELETE", "/api/v1/pstn/calls/" + callId, null);
        assertEquals(204, hungUp.status(), hungUp.body() + " " + get("/api/v1/pstn/calls"));
        assertEquals(0, farEnd.await().exitCode(), "the far end answered and got the BYE");
        for (int i = 0; i < 50 && get("/api/v1/pstn/calls").get("recent").isEmpty(); i++) {
            Thread.sleep(100);
        }
        JsonNode ended = get("/api/v1/pstn/calls").get("recent").get(0);
        assertEquals(16, ended.get("cause").asInt(), ended.toString());
        assertTrue(admin.get("/api/v1/audit").body().contains("\"pstn-call.hang-up\""));
    }

    /** The test call's id once Asterisk reports it answered (within 10 s). */
    private static String awaitAnsweredCall() throws Exception {
        for (int i = 0; i < 100; i++) {
            for (JsonNode call : get("/api/v1/pstn/calls").get("active")) {
                if (call.hasNonNull("answered")) {
                    return call.get("id").asText();
                }
            }
            Thread.sleep(100);
        }
        fail("no answered PSTN call within 10 s: " + get("/api/v1/pstn/calls") + "\n" + lab.gateway.log());
        return null;
    }

    @Test
    @Order(3)
    void aTrunkAddedThroughTheApiIsReloadedIntoAsterisk() throws Exception {
        int reloads = PstnLab.count(lab.gateway.log(), "Asterisk: module reload res_pjsip.so");
        AdminClient.Response added = admin.json("POST", "/api/v1/pstn/trunks",
                "{\"name\":\"spare\",\"type\":\"sip-peer\",\"peer\":\"127.0.0.5:5060\"}");
        assertEquals(201, added.status(), added.body());
        lab.awaitLog("Asterisk: module reload res_pjsip.so", reloads + 1);
        AdminClient.Response reload = admin.json("POST", "/api/v1/pstn/reload", null);
        assertEquals(200, reload.status(), reload.body());
        assertEquals("[]", JSON.readTree(reload.body()).get("changed").toString(), "the files are up to date");
    }

    @Test
    @Order(4)
    void asteriskRestartsOnRequestAndTheLinkComesBack() throws Exception {
        int logins = PstnLab.count(lab.gateway.log(), "AMI: logged in");
        AdminClient.Response restart = admin.json("POST", "/api/v1/pstn/asterisk/restart", null);
        assertEquals(202, restart.status(), restart.body());
        lab.awaitLog("AMI: logged in", logins + 1);
        assertTrue(get("/api/v1/pstn").get("asterisk").get("up").asBoolean());
        assertTrue(admin.get("/api/v1/audit").body().contains("\"pstn.restart\""));
    }
}
