package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image as an operator gets it, in one qemu run: built by build.sh (unless this build made it already),
 * booted, GRUB picks slot A and counts the try, the gateway starts from the data partition and the health gate
 * marks the slot good; a phone registers with a user made through the web admin. Then the upgrades: a tampered
 * and an older bundle are refused; a newer one installs into slot B, which boots, passes the gate and still
 * knows the phone; a release whose gateway never starts is installed into slot A, fails the gate three times,
 * and GRUB falls back to B, where the web admin reports the rollback and why. On the way, a static address set
 * and confirmed through the web admin is applied again at every boot, and the PSTN adapter drives the image's
 * Asterisk and DAHDI driver.
 */
class ApplianceImageIT {

    private static final Path IMAGE = Path.of("target/natterjack.img");
    private static final Path BUNDLES = Path.of("target/test-bundles");
    private static final Pattern SETUP = Pattern.compile("Admin setup: \\S+/setup\\?token=([A-Za-z0-9_-]+)\\s");
    private static final Pattern FINGERPRINT = Pattern.compile("Web admin on https://.*SHA-256 fingerprint ([0-9A-F:]{95})");
    private static final Pattern GATE_FAILED = Pattern.compile("natterjack-health: FAIL[^\\n]*");

    /** Kept after the run (serial console, qemu's output); emptied when the next run starts. */
    private final Path dir = Path.of("target/appliance-it").toAbsolutePath();

    @Test
    void bootsRegistersUpgradesAndRollsBack() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (mmdebstrap); skipped");
        buildImageIfMissing();
        String version = Files.readString(Path.of("target/image/VERSION")).strip();
        buildTestBundlesIfMissing(version);
        emptyRunDirectory();
        int sip = freePort();
        int admin = freePort();
        try (Qemu vm = Qemu.boot(IMAGE.toAbsolutePath(), dir, sip, admin); SipPhone phone = new SipPhone(sip)) {
            vm.await(Pattern.compile("natterjack-grub: slot A .*A_TRY=1"), 120, "GRUB choosing slot A");
            // The web admin prints its address with the certificate's fingerprint and its setup link while the
            // plug-ins start, before the gateway says it started.
            String fingerprint = vm.await(FINGERPRINT, 600, "the web admin's certificate fingerprint").group(1);
            String token = vm.await(SETUP, 60, "the setup link").group(1);
            vm.await(Pattern.compile("Natterjack \\S+ started: .*data in /data/natterjack/natterjack.db"), 60,
                    "the gateway's start on the data partition");
            vm.await(Pattern.compile("natterjack-health: PASS version " + Pattern.quote(version)), GATE_FAILED, 300,
                    "the health gate marking slot A good");

            assertTrue(phone.options().startsWith("SIP/2.0 200 "));
            WebAdminClient web = new WebAdminClient(admin).awaitServing();
            assertEquals(fingerprint, web.servedFingerprint(), "the console's fingerprint is the served certificate's");
            assertEquals(201, web.send("POST", "/api/v1/setup",
                    "{\"token\":\"" + token + "\",\"username\":\"admin\",\"password\":\"appliance-pw\"}").statusCode());
            assertEquals(200, web.login("admin", "appliance-pw").statusCode());
            // Registrations that outlive the reboot must come back from the store; a NATed phone's 60 s one is
            // the phone's to renew. Through slirp every phone is NATed, so this site grants NATed phones an hour.
            HttpResponse<String> nat = web.send("PUT", "/api/v1/settings/nat", "{\"refresh-seconds\": 3600}");
            assertEquals(200, nat.statusCode(), nat.body());
            assertEquals(201, web.send("POST", "/api/v1/users",
                    "{\"username\":\"alice\",\"password\":\"alice-pw\"}").statusCode());
            assertTrue(phone.register("alice", "alice-pw").startsWith("SIP/2.0 200 "));
            assertRegistered(web, "alice");
            assertRunning(web, "A", version);
            assertCardsSideWorks(vm, web);

            refused(web, tampered(), "payload");
            refused(web, BUNDLES.resolve("older.raucb"), "older");
            assertTrue(Files.readString(dir.resolve("serial.log")).split("natterjack-grub:").length == 2,
                    "a refused bundle must not reboot the appliance");

            String newer = version + "+upgrade1";
            accepted(web, BUNDLES.resolve("newer.raucb"));
            vm.await(Pattern.compile("natterjack-grub: slot B .*B_TRY=1"), 900, "the reboot into slot B");
            vm.await(Pattern.compile("Natterjack \\S+ started: .*, 1 bindings restored"), 600,
                    "the new release restoring the phone's binding from the store");
            vm.await(Pattern.compile("natterjack-health: PASS version " + Pattern.quote(newer) + ", upgraded from "
                    + Pattern.quote(version)), GATE_FAILED, 600, "slot B marked good");
            web = new WebAdminClient(admin).awaitServing();
            assertEquals(200, web.login("admin", "appliance-pw").statusCode());
            assertRegistered(web, "alice");
            assertRunning(web, "B", newer);
            assertAsteriskLinkUp(web);

            // A static address (slirp's own, so the forwarded ports keep working), applied by the root side and
            // confirmed through the web admin at that address; every later boot then applies the stored file.
            HttpResponse<String> network = web.send("PUT", "/api/v1/network",
                    "{\"mode\":\"static\",\"address\":\"10.0.2.15/24\",\"gateway\":\"10.0.2.2\",\"dns\":[\"10.0.2.3\"]}");
            assertEquals(202, network.statusCode(), network.body());
            vm.await(Pattern.compile("natterjack-network: networkd reloaded"), 120, "the candidate network applied");
            HttpResponse<String> confirmed = web.send("POST", "/api/v1/network/confirm", null);
            assertEquals(200, confirmed.statusCode(), confirmed.body());

            String broken = version + "+upgrade2";
            accepted(web, BUNDLES.resolve("broken.raucb"));
            for (int attempt = 1; attempt <= 3; attempt++) {
                vm.await(Pattern.compile("natterjack-grub: slot A .*A_TRY=" + attempt), 900, "try " + attempt
                        + " of slot A");
                vm.await(Pattern.compile("natterjack-health: FAIL \\(natterjack.service failed"), 600,
                        "the gate failing try " + attempt);
            }
            vm.await(Pattern.compile("natterjack-grub: slot B "), 300, "GRUB falling back to slot B");
            vm.await(Pattern.compile("natterjack-network: \\S*50-natterjack.network is in effect"), 120,
                    "the stored static address applied at boot");
            vm.await(Pattern.compile("natterjack-health: PASS version " + Pattern.quote(newer)
                    + ", rolled back from " + Pattern.quote(broken)), GATE_FAILED, 600, "slot B good again");
            web = new WebAdminClient(admin).awaitServing();
            assertEquals(200, web.login("admin", "appliance-pw").statusCode());
            assertRunning(web, "B", newer);
            JsonNode last = upgrades(web).path("history").path(0);
            assertEquals("rolled-back", last.path("outcome").asText(), last.toString());
            assertEquals(broken, last.path("version").asText(), last.toString());
            assertTrue(last.path("reasons").asText().contains("natterjack.service failed"), last.toString());
            assertRegistered(web, "alice");
        }
    }

    /**
     * Asterisk (Debian sid's, chrooted) and the DAHDI driver run beside the gateway: a trunk on an E1 span added in
     * the web admin reaches Asterisk (reloaded over AMI) and the driver (dahdi_cfg, run by the root side when the
     * adapter rewrote system.conf), which has no card here to give the span to.
     */
    private static void assertCardsSideWorks(Qemu vm, WebAdminClient web) throws Exception {
        assertAsteriskLinkUp(web);
        HttpResponse<String> trunk = web.send("POST", "/api/v1/pstn/trunks", "{\"name\":\"city\",\"group\":1}");
        assertEquals(201, trunk.statusCode(), trunk.body());
        HttpResponse<String> span = web.send("POST", "/api/v1/pstn/spans",
                "{\"number\":1,\"trunk\":\"city\",\"type\":\"e1\"}");
        assertEquals(201, span.statusCode(), span.body());
        vm.await(Pattern.compile("(?s)Asterisk: module reload chan_dahdi\\.so.*DAHDI_SPANCONFIG failed on span 1: No such"
                + "|DAHDI_SPANCONFIG failed on span 1: No such.*Asterisk: module reload chan_dahdi\\.so"),
                Pattern.compile("Asterisk could not[^\\n]*"), 120, "Asterisk reloading the trunk and dahdi_cfg applying the span");
        JsonNode spans = WebAdminClient.json(web.send("GET", "/api/v1/pstn/spans", null));
        assertEquals("NO_HARDWARE", spans.path(0).path("status").path("state").asText(), spans.toString());
    }

    private static void assertAsteriskLinkUp(WebAdminClient web) throws Exception {
        JsonNode pstn = WebAdminClient.json(web.send("GET", "/api/v1/pstn", null));
        assertTrue(pstn.path("asterisk").path("up").asBoolean(), pstn.toString());
    }

    private static JsonNode upgrades(WebAdminClient web) throws Exception {
        HttpResponse<String> status = web.send("GET", "/api/v1/upgrades", null);
        assertEquals(200, status.statusCode(), status.body());
        return WebAdminClient.json(status);
    }

    private static void assertRunning(WebAdminClient web, String slot, String version) throws Exception {
        JsonNode running = upgrades(web).path("running");
        assertEquals(slot, running.path("bootname").asText(), running.toString());
        assertEquals(version, running.path("version").asText(), running.toString());
    }

    private static void assertRegistered(WebAdminClient web, String user) throws Exception {
        String registrations = web.send("GET", "/api/v1/registrations", null).body();
        assertTrue(registrations.contains(user), registrations);
    }

    private static void refused(WebAdminClient web, Path bundle, String reason) throws Exception {
        HttpResponse<String> answer = web.upload("/api/v1/upgrades?activate=now", bundle);
        assertEquals(422, answer.statusCode(), answer.body());
        assertTrue(answer.body().toLowerCase().contains(reason), answer.body());
    }

    private static void accepted(WebAdminClient web, Path bundle) throws Exception {
        HttpResponse<String> answer = web.upload("/api/v1/upgrades?activate=now", bundle);
        assertEquals(202, answer.statusCode(), answer.body());
    }

    /** A newer signed bundle with one byte of its payload (near its start) flipped; its signature is intact. */
    private Path tampered() throws Exception {
        Path copy = dir.resolve("tampered.raucb");
        Files.copy(BUNDLES.resolve("small.raucb"), copy, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.seek(200);
            int b = file.read();
            file.seek(200);
            file.write(b ^ 0xff);
        }
        return copy;
    }

    /** Runs build.sh unless the image is newer than the package it holds (a fresh clone has neither). */
    private static void buildImageIfMissing() throws Exception {
        Path deb = Path.of("target/natterjack.deb");
        if (Files.exists(IMAGE) && Files.getLastModifiedTime(IMAGE).compareTo(Files.getLastModifiedTime(deb)) > 0) {
            return;
        }
        run(30, "./build.sh");
    }

    private static void buildTestBundlesIfMissing(String version) throws Exception {
        Path marker = BUNDLES.resolve("small.raucb");
        if (Files.exists(marker) && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(IMAGE)) > 0) {
            return;
        }
        Files.createDirectories(BUNDLES);
        run(20, "src/test/sh/test-bundles.sh", BUNDLES.toAbsolutePath().toString(), version);
    }

    private static void run(int minutes, String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), command[0] + " did not finish in " + minutes + " minutes");
        assertEquals(0, p.exitValue(), command[0] + " failed");
    }

    private void emptyRunDirectory() throws Exception {
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static int freePort() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (java.io.IOException taken) {
                // UDP side in use: another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
