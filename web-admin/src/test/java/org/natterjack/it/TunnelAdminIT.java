package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel in the web admin of a real gateway: the Tunnel page shows the fingerprint agents pin and the agent
 * logged in; a user the operator denies the tunnel through the API is refused at the next login.
 */
class TunnelAdminIT {

    private static final String PASSWORD = "correct horse battery";

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
