package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator hangs up an anchored call through the API: the gateway sends a BYE to each party (sipp
 * caller and callee, both created as SIP users through the API) and the call leaves the list.
 */
class HangUpIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void hangingUpSendsByeToBothParties() throws Exception {
        int sipPort = Ports.free();
        int adminPort = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                relay:
                  always-anchor: true
                  media-timeout-seconds: 0
                  port-min: 26200
                  port-max: 26299
                """, List.of(), "--listen", "127.0.0.1:" + sipPort, "--admin-listen", "127.0.0.1:" + adminPort)) {
            AdminClient admin = AdminClient.setUpAdmin(gateway, adminPort, "operator-password");
            for (String user : List.of("carl", "dora")) {
                assertEquals(201, admin.json("POST", "/api/v1/users",
                        "{\"username\":\"" + user + "\",\"password\":\"pw-" + user + "\"}").status());
            }
            int calleePort = Ports.free();
            Sipp.Running carl = Sipp.start(dir.resolve("carl"), List.of(), "register-and-wait.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(calleePort),
                            "-mp", Integer.toString(Ports.free()), "-au", "carl", "-ap", "pw-carl",
                            "-key", "user", "carl", "-key", "domain", "127.0.0.1",
                            "-key", "contact", "Contact: <sip:carl@127.0.0.1:" + calleePort + ">",
                            "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "30000"));
            gateway.awaitBindings("sip:carl@127.0.0.1", 1);
            Sipp.Running dora = Sipp.start(dir.resolve("dora"), List.of(), "uac-call-auth-callee-hangs-up.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                            "-key", "callee", "carl", "-key", "domain", "127.0.0.1", "-key", "caller", "dora",
                            "-key", "caller_domain", "127.0.0.1", "-au", "dora", "-ap", "pw-dora"));

            JsonNode call = awaitAnsweredCall(admin);
            assertFalse(call.get("oneWayAudio").asBoolean(), "no media either way is not one-way audio");
            String callId = call.get("callId").asText();
            assertEquals(204, admin.json("DELETE", "/api/v1/calls/"
                    + URLEncoder.encode(callId, StandardCharsets.UTF_8).replace("+", "%20"), null).status());

            Sipp.Result caller = dora.await();
            assertEquals(0, caller.exitCode(), "the caller got a BYE and answered it: " + caller.screen());
            SipTrace.Message byeToCaller = caller.trace().received().stream().filter(m -> m.isRequest("BYE"))
                    .findFirst().orElseThrow();
            assertTrue(byeToCaller.text().contains("Ended by operator"), byeToCaller.text());
            awaitBye(carl);
            carl.process().destroy();
            assertEquals("[]", admin.get("/api/v1/calls").body());
            assertEquals(404, admin.json("DELETE", "/api/v1/calls/" + URLEncoder.encode(callId,
                    StandardCharsets.UTF_8), null).status());
            assertTrue(admin.get("/api/v1/audit").body().contains("call.hang-up"));
        }
    }

    /** Waits (bounded: 10 s) until the callee, which stays registered, has received a BYE. */
    private static void awaitBye(Sipp.Running callee) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (callee.traceSoFar().received().stream().anyMatch(m -> m.isRequest("BYE"))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the callee got no BYE");
    }

    /** Polls the calls list (bounded: 20 s) until a call is answered. */
    private static JsonNode awaitAnsweredCall(AdminClient admin) throws Exception {
        for (int i = 0; i < 200; i++) {
            for (JsonNode call : JSON.readTree(admin.get("/api/v1/calls").body())) {
                if (call.get("answered").asBoolean()) {
                    return call;
                }
            }
            Thread.sleep(100);
        }
        fail("no answered call appeared: " + admin.get("/api/v1/calls").body());
        return null;
    }
}
