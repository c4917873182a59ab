package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel in the web admin of a real gateway: the Tunnel page shows the fingerprint agents pin and the agent
 * logged in; a user the operator denies the tunnel through the API is refused at the next login; the tunnel is
 * switched off and on again from the API and the page.
 */
class TunnelAdminIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int tunnelPort;
    static AdminClient admin;

    @BeforeAll
    static void startGateway() throws Exception {
        tunnelPort = Ports.free();
        int adminPort = Ports.free();
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "alice", "--password", "pw-alice");
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                plugins:
                  tunnel:
                    enabled: true
                    listen: 127.0.0.1:%d
                """.formatted(tunnelPort), List.of(), "--listen", "127.0.0.1:" + Ports.free(),
                "--admin-listen", "127.0.0.1:" + adminPort);
        admin = AdminClient.setUpAdmin(gateway, adminPort, PASSWORD);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theTunnelPageShowsTheFingerprintAndTheAgentAndADeniedUserIsRefused() throws Exception {
        Matcher logged = Pattern.compile("Tunnel listening on .* fingerprint ([0-9A-F:]{95})").matcher(gateway.log());
        assertTrue(logged.find(), gateway.log());
        String fingerprint = logged.group(1);
        String page = admin.get("/tunnel").body();
        assertTrue(page.contains("<code id=\"fingerprint\">" + fingerprint + "</code>"), page);

        Path log = dir.resolve("agent.log");
        Process agent = agent(log);
        try {
            awaitContains(log, "open as alice");
            String live = admin.get("/fragments/tunnel").body();
            assertTrue(live.contains("<td class=\"user\">alice</td>"), live);
            assertTrue(live.contains("<td class=\"public\">127.0.0.1:"), live);
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }

        AdminClient.Response denied = admin.json("PUT", "/api/v1/users/alice", "{\"tunnel\":false}");
        assertEquals(200, denied.status(), denied.body());
        assertTrue(admin.get("/users").body().contains("<td class=\"tunnel\">denied</td>"));
        Path refusedLog = dir.resolve("agent-refused.log");
        Process refused = agent(refusedLog);
        try {
            awaitContains(refusedLog, "the gateway refused the login: not allowed to tunnel");
        } finally {
            refused.destroy();
            refused.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAdministratorSwitchesTheTunnelOffAndOnWithoutARestart() throws Exception {
        AdminClient.Response off = admin.json("PUT", "/api/v1/tunnel/switch", "{\"enabled\": false}");
        assertEquals(200, off.status(), off.body());
        JsonNode state = JSON.readTree(off.body());
        assertEquals("web-admin", state.get("source").asText());
        assertFalse(state.get("running").asBoolean(), off.body());
        assertFalse(JSON.readTree(admin.get("/api/v1/tunnel").body()).get("running").asBoolean());
        assertFalse(listening(), "the tunnel's port is closed");
        assertTrue(admin.get("/tunnel").body().contains("id=\"off\""));
        assertEquals(422, admin.json("PUT", "/api/v1/tunnel/switch", "{\"enabled\": \"yes\"}").status());

        AdminClient.Response on = admin.form("/tunnel/switch", Map.of("enabled", "true"));
        assertEquals(200, on.status(), on.body());
        assertTrue(on.body().contains("The tunnel is switched on."), on.body());
        assertTrue(on.body().contains("<code id=\"fingerprint\">"), "the same certificate again: " + on.body());
        assertTrue(listening(), "the tunnel's port is open again");
        assertTrue(JSON.readTree(admin.get("/api/v1/tunnel/switch").body()).get("running").asBoolean());
        String audit = admin.get("/api/v1/audit").body();
        assertEquals(2, audit.split("\"tunnel.switch\"", -1).length - 1, audit);
    }

    private static boolean listening() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnelPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process agent(Path log) throws Exception {
        Matcher logged = Pattern.compile("Tunnel listening on .* fingerprint ([0-9A-F:]{95})").matcher(gateway.log());
        assertTrue(logged.find());
        return new ProcessBuilder(GatewayProcess.cli(List.of(), List.of("-Xmx64m"), "agent",
                "--gateway", "127.0.0.1:" + tunnelPort, "--user", "alice", "--password", "pw-alice",
                "--domain", "127.0.0.1", "--listen", "127.0.0.1:" + Ports.free(), "--fingerprint", logged.group(1)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitContains(Path log, String text) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' from the agent:\n" + Files.readString(log));
    }
}
