package org.natterjack.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's verdict for the boot health gate, for a boot into slot B after an upgrade from A. SIP is a UDP
 * socket that answers OPTIONS with 200 (the gateway's own answer is DrainIT's and ApplianceImageIT's business).
 */
class BootHealthTest {

    @TempDir
    Path dir;

    private DatagramSocket sip;
    private Thread answering;
    private UpgradeFiles files;
    private Path cmdline;

    @BeforeEach
    void start() throws Exception {
        sip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        answering = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                while (true) {
                    DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                    sip.receive(request);
                    byte[] ok = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                    sip.send(new DatagramPacket(ok, ok.length, request.getSocketAddress()));
                }
            } catch (Exception closed) {
                // the test ended
            }
        });
        answering.start();
        files = new UpgradeFiles(dir.resolve("upgrade"));
        Files.createDirectories(dir.resolve("upgrade"));
        files.writePending(new UpgradeFiles.Pending("B", "0.2.0", "A", "0.1.0", 3, new TreeSet<>(Set.of(1, 2))));
        cmdline = Files.writeString(dir.resolve("cmdline"), "BOOT_IMAGE=/vmlinuz ro rauc.slot=B console=ttyS0\n");
    }

    @AfterEach
    void stop() throws Exception {
        sip.close();
        answering.join(5000);
    }

    @Test
    void passesWhenRegistrationsSpansAndTheWebAdminAreBack() throws Exception {
        String verdict = verdict(3, Set.of(1, 2), Optional.of(URI.create("https://127.0.0.1:8443/login")));

        assertTrue(verdict.startsWith("status=pass\nversion=0.2.0\nreasons=\n"), verdict);
        assertTrue(verdict.contains("admin_url=https://127.0.0.1:8443/login\n"), verdict);
    }

    @Test
    void failsNamingWhatDidNotComeBack() throws Exception {
        String verdict = verdict(2, Set.of(1), Optional.empty());

        assertTrue(verdict.startsWith("status=fail\n"), verdict);
        assertTrue(verdict.contains("registrations not restored: 2 bindings, 3 before the upgrade"), verdict);
        assertTrue(verdict.contains("PSTN spans not back in service: [2] (in service before the upgrade: [1, 2])"),
                verdict);
        assertTrue(verdict.contains("the web admin did not start"), verdict);
    }

    @Test
    void anOrdinaryBootChecksNoSpans() throws Exception {
        Files.writeString(cmdline, "ro rauc.slot=A\n");

        String verdict = verdict(0, Set.of(), Optional.of(URI.create("https://127.0.0.1:8443/login")));

        assertTrue(verdict.startsWith("status=pass\n"), verdict);
    }

    private String verdict(int bindings, Set<Integer> spansUp, Optional<URI> webAdmin) throws Exception {
        Path healthFile = dir.resolve("run/boot-health");
        BootHealth.Probes probes = new BootHealth.Probes((InetSocketAddress) sip.getLocalSocketAddress(),
                () -> bindings, () -> Optional.of(true), () -> spansUp, () -> webAdmin);
        new BootHealth(probes, files, healthFile, "0.2.0", cmdline, Duration.ofMillis(300)).run();
        return Files.readString(healthFile);
    }
}
