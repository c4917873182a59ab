package org.natterjack.interop;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.it.GatewayProcess;
import org.natterjack.it.Topology;

/**
 * Two linphonec behind two NATs (both at 10.0.0.2) register to the gateway with MD5 digest, call each other
 * through it with media through its relay, each holds and resumes, and the caller hangs up; each recording
 * must carry the other's tone.
 */
class LinphoneSelfCallIT {

    private static final String GATEWAY = "203.0.113.10";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoLinphonesCallEachOtherThroughTheGateway() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
        Topology network = Topology.up("il" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36),
                30, 2);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (String user : List.of("alice", "bob")) {
                GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
            }
            try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), "auth:\n  algorithms: [MD5]\n",
                    network.netns("pub"), "--listen", GATEWAY + ":5060");
                 LinphonePhone alice = phone(network, "cli", "alice", 440);
                 LinphonePhone bob = phone(network, "cli2", "bob", 1000)) {
                assertTrue(alice.product().startsWith("linphonec 5."), alice.product());
                alice.register();
                bob.register();
                assertTrue(Files.readString(dir.resolve("alice/" + LinphoneConsole.LOG), ISO_8859_1).lines().anyMatch(l ->
                        l.startsWith("Authorization: ") && l.contains("algorithm=MD5") && l.contains("qop=auth")),
                        "alice answered the challenge with MD5 and qop=auth");

                Future<?> answered = executor.submit(() -> {
                    bob.answer();
                    return null;
                });
                alice.call("bob");
                answered.get(30, TimeUnit.SECONDS);
                Thread.sleep(3000); // audio flows both ways

                alice.hold();
                bob.awaitLine("Call 1 has been paused by sip:alice@");
                alice.resume();
                bob.hold();
                alice.awaitLine("Call 1 has been paused by sip:bob@");
                bob.resume();
                Thread.sleep(3000);

                alice.hangUp();
                bob.awaitHangUp();
                assertTone(alice.lastCallAudio(), 1000);
                assertTone(bob.lastCallAudio(), 440);
                String log = gateway.log();
                assertTrue(log.contains("media relay closed"), log);
                assertTrue(log.lines().noneMatch(l -> l.matches("\\S+ \\S+ (WARN|ERROR) .*")), "gateway complained:\n" + log);
            }
        } finally {
            executor.shutdownNow();
            network.down();
        }
    }

    private LinphonePhone phone(Topology network, String role, String user, int toneHz) {
        return new LinphonePhone(new PhoneSpec(user, "pw-" + user, GATEWAY, GATEWAY + ":5060", network.netns(role),
                "10.0.0.2", dir.resolve(user), toneHz));
    }

    /** At least 4 s of a loud tone of {@code hz} (within 5 %), per sox's "Rough frequency". */
    private static void assertTone(Path wav, int hz) throws Exception {
        Process sox = new ProcessBuilder("sox", wav.toString(), "-n", "stat").redirectErrorStream(true).start();
        String stat = new String(sox.getInputStream().readAllBytes(), UTF_8);
        assertTrue(sox.waitFor(30, TimeUnit.SECONDS), "sox stat " + wav);
        assertEquals(0, sox.exitValue(), stat);
        assertTrue(number(stat, "Length \\(seconds\\)") >= 4, wav + " too short:\n" + stat);
        assertTrue(number(stat, "RMS\\s+amplitude") > 0.1, wav + " too quiet:\n" + stat);
        assertEquals(hz, number(stat, "Rough\\s+frequency"), hz * 0.05, wav + " is not the far end's tone:\n" + stat);
    }

    private static double number(String stat, String label) {
        Matcher m = Pattern.compile(label + ":\\s+(-?[0-9.]+)").matcher(stat);
        assertTrue(m.find(), label + " in\n" + stat);
        return Double.parseDouble(m.group(1));
    }
}
