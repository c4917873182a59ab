package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web admin in a real browser: {@code src/test/browser/flows.mjs} drives Debian's chromium through
 * playwright-core (installed with npm into target/browser, no browser download) against a gateway started
 * with {@code natterjack run}. Screenshots go to {@code target/browser-screenshots}. Skipped with a message
 * when node, npm, chromium or sipp is missing ({@code apt-get install nodejs npm chromium sip-tester}).
 */
class BrowserIT {

    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/browser");
    private static final Path SHOTS = Path.of("target/browser-screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void setupLoginUsersRegistrationRoutingRolesLogout() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "BrowserIT skipped: node and npm are not installed");
        assumeTrue(Files.isExecutable(CHROMIUM), "BrowserIT skipped: " + CHROMIUM + " is not installed");
        assumeTrue(onPath("sipp"), "BrowserIT skipped: sipp is not installed");
        installPlaywright();
        int sipPort = Ports.free();
        int adminPort = Ports.free();
        int phonePort = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), "relay:\n  port-min: 26100\n"
                + "  port-max: 26199\n", List.of(), "--listen", "127.0.0.1:" + sipPort,
                "--admin-listen", "127.0.0.1:" + adminPort)) {
            Matcher setup = Pattern.compile("Admin setup: (https://\\S+)").matcher(gateway.log());
            assertTrue(setup.find(), gateway.log());
            List<String> sipp = List.of("127.0.0.1:" + sipPort, "-sf", Sipp.SCENARIOS.resolve("register.xml")
                    .toAbsolutePath().toString(), "-m", "1", "-nostdin", "-nr", "-timeout", "30s", "-timeout_error",
                    "-i", "127.0.0.1", "-p", Integer.toString(phonePort), "-au", "alice", "-ap", "secret-alice",
                    "-key", "user", "alice", "-key", "domain", "127.0.0.1",
                    "-key", "contact", "Contact: <sip:alice@127.0.0.1:" + phonePort + ">",
                    "-key", "expires", "Expires: 300", "-key", "cseq1", "1", "-key", "cseq2", "2",
                    "-cid_str", "alice-%u-%p@browser");
            Files.createDirectories(SHOTS);
            try (var old = Files.list(SHOTS)) {
                for (Path shot : old.toList()) {
                    Files.delete(shot);
                }
            }
            ProcessBuilder node = new ProcessBuilder("node", "flows.mjs").directory(WORK.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
            node.environment().put("BASE", "https://127.0.0.1:" + adminPort);
            node.environment().put("SETUP_URL", setup.group(1));
            node.environment().put("SHOTS", SHOTS.toAbsolutePath().toString());
            node.environment().put("SIPP_ARGS", new ObjectMapper().writeValueAsString(sipp));
            List<String> call = List.of("127.0.0.1:" + sipPort, "-sf", Sipp.scenario("uac-expect.xml")
                    .toAbsolutePath().toString(), "-m", "1", "-nostdin", "-nr", "-timeout", "30s", "-timeout_error",
                    "-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "bob",
                    "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7");
            node.environment().put("CALL_ARGS", new ObjectMapper().writeValueAsString(call));
            Process p = node.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String output = Files.readString(dir.resolve("node.log"));
            assertEquals(0, p.exitValue(), output + "\n--- gateway log ---\n" + gateway.log());
        }
    }

    /** npm ci of the pinned playwright-core into target/browser, next to a copy of the flows. */
    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "flows.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            return;
        }
        ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(WORK.toFile())
                .redirectErrorStream(true);
        npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process p = npm.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "npm ci did not finish");
        assertEquals(0, p.exitValue(), "npm ci failed: " + out);
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
