package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * natterjack.deb on a clean Debian 12: it installs with its dependencies' runtime, creates its user and
 * state directory, enables its (valid) systemd unit, its commands work on the packaged store as that user,
 * the gateway starts from the packaged configuration and answers SIP, stops cleanly on SIGTERM, and a purge
 * keeps the operator's store.
 */
class DebianPackageIT {

    private static final Path PACKAGE = Path.of(System.getProperty("natterjack.deb", "target/natterjack.deb"));

    @TempDir
    Path dir;

    @Test
    void installsRunsAndPurgesOnACleanDebian() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (mmdebstrap, chroot); skipped");
        assertTrue(Files.exists(PACKAGE), PACKAGE + " was not built");
        DebianRoot root = DebianRoot.build(dir.resolve("root"));
        Files.copy(PACKAGE, root.resolve("/tmp/natterjack.deb"));
        root.inside("dpkg", "-i", "/tmp/natterjack.deb");

        String uid = root.inside("id", "-u", "natterjack").trim();
        Path state = root.resolve("/var/lib/natterjack");
        assertEquals(uid, Files.getAttribute(state, "unix:uid").toString());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertTrue(Files.isSymbolicLink(root.resolve("/etc/systemd/system/multi-user.target.wants/natterjack.service")));
        assertEquals("", DebianRoot.run(60, "systemd-analyze", "verify", "--root=" + root.dir(), "natterjack.service")
                .strip(), "systemd finds fault with the unit");
        assertTrue(root.inside("dpkg-query", "--showformat=${Conffiles}", "--show", "natterjack")
                .contains("/etc/natterjack/natterjack.yaml"));

        Path proc = root.resolve("/proc");
        DebianRoot.run(30, "mount", "--bind", "/proc", proc.toString());
        try {
            // As root, the command continues as user natterjack on the packaged store.
            assertTrue(root.inside("natterjack", "user", "add", "alice", "--password", "pw").contains("Added alice"));
            assertEquals(uid, Files.getAttribute(state.resolve("natterjack.db"), "unix:uid").toString());
            servesSipAndStopsCleanly(root, uid);
        } finally {
            DebianRoot.run(30, "umount", proc.toString());
        }

        root.inside("dpkg", "--purge", "natterjack");
        assertFalse(Files.exists(root.resolve("/usr/bin/natterjack")));
        assertFalse(Files.exists(root.resolve("/etc/natterjack/natterjack.yaml")));
        assertTrue(Files.exists(state.resolve("natterjack.db")), "a purge must keep the operator's store");
    }

    private void servesSipAndStopsCleanly(DebianRoot root, String uid) throws Exception {
        int sip = freePort();
        Path log = dir.resolve("gateway.log");
        Process gateway = root.start(log, "natterjack", "run", "--listen", "127.0.0.1:" + sip,
                "--admin-listen", "127.0.0.1:" + freePort());
        try {
            for (int i = 0; i < 300 && !Files.readString(log).contains(" started: "); i++) {
                assertTrue(gateway.isAlive(), Files.readString(log));
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log).contains("data in /var/lib/natterjack/natterjack.db"), Files.readString(log));
            // chroot, the launcher and setpriv all exec: the process we started is the JVM, as natterjack.
            assertEquals(uid, Files.readAllLines(Path.of("/proc/" + gateway.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1]);
            assertTrue(options(sip).startsWith("SIP/2.0 200 OK"), "no 200 to OPTIONS");
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
                fail("the gateway did not stop on SIGTERM:\n" + Files.readString(log));
            }
        }
        assertTrue(Files.readString(log).contains("Natterjack stopped"), Files.readString(log));
    }

    private static String options(int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            String request = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-deb-1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: deb-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
