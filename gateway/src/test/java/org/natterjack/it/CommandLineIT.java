package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of {@code natterjack}: what users and scripts rely on. */
class CommandLineIT {

    @TempDir
    Path dir;

    private GatewayProcess.CliResult natterjack(String... args) throws Exception {
        return GatewayProcess.run(List.of(), args);
    }

    @Test
    void unknownSettingStopsStartUpNamingFileAndLine() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "registrar:\n  min-expires: 60\n  max-expirs: 3600\n");
        GatewayProcess.CliResult r = natterjack("run", "--config", config.toString(),
                "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:" + Ports.free());
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains(config + " line 3"), r.output());
        assertTrue(r.output().contains("max-expirs"), r.output());
    }

    @Test
    void invalidValueStopsStartUpNamingTheSetting() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "sip:\n  listen: [\"127.0.0.1:70000\"]\n");
        GatewayProcess.CliResult r = natterjack("run", "--config", config.toString());
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains(config + " line 2"), r.output());
        assertTrue(r.output().contains("port 70000"), r.output());
    }

    @Test
    void occupiedPortStopsStartUpNamingThePort() throws Exception {
        int port = Ports.free();
        try (DatagramSocket taken = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            GatewayProcess.CliResult r = natterjack("run", "--data-dir", dir.resolve("data").toString(),
                    "--listen", "127.0.0.1:" + port);
            assertEquals(1, r.exitCode(), r.output());
            assertTrue(r.output().contains("natterjack: cannot listen on 127.0.0.1:" + port + "/udp: port " + port
                    + " is in use"), r.output());
        }
    }

    @Test
    void usersAreAddedListedAndRemoved() throws Exception {
        String data = dir.resolve("data").toString();
        assertEquals(0, natterjack("user", "add", "alice", "--password", "pw1", "--data-dir", data).exitCode());
        assertEquals(0, natterjack("user", "add", "bob", "--password", "pw2", "--domain", "Example.COM",
                "--data-dir", data).exitCode());
        GatewayProcess.CliResult duplicate = natterjack("user", "add", "alice", "--password", "x", "--data-dir", data);
        assertEquals(1, duplicate.exitCode());
        assertTrue(duplicate.output().contains("already exists"), duplicate.output());

        GatewayProcess.CliResult list = natterjack("user", "list", "--data-dir", data);
        assertEquals(0, list.exitCode());
        assertTrue(list.output().contains("alice@*\trealm=natterjack"), list.output());
        assertTrue(list.output().contains("bob@example.com\trealm=natterjack"), list.output());
        assertTrue(!list.output().contains("pw1") && !list.output().contains("pw2"), "no password is shown");

        // Passwords are hashed for the realm the gateway challenges with, which the configuration file may set.
        String config = java.nio.file.Files.writeString(dir.resolve("realm.yaml"), "auth:\n  realm: office\n")
                .toString();
        assertEquals(0, natterjack("user", "set", "bob", "--domain", "example.com", "--password", "pw3",
                "--config", config, "--data-dir", data).exitCode());
        assertEquals(2, natterjack("user", "set", "alice", "--password", "", "--data-dir", data).exitCode());
        GatewayProcess.CliResult changed = natterjack("user", "list", "--data-dir", data);
        assertTrue(changed.output().contains("bob@example.com\trealm=office"), changed.output());
        assertTrue(changed.output().contains("alice@*\trealm=natterjack"), changed.output());
        // Without --config, NATTERJACK_CONFIG names the file (the Debian package sets it to the service's).
        assertEquals(0, GatewayProcess.run(List.of("env", "NATTERJACK_CONFIG=" + config), "user", "add", "dora",
                "--password", "pw4", "--data-dir", data).exitCode());
        assertTrue(natterjack("user", "list", "--data-dir", data).output().contains("dora@*\trealm=office"));

        assertEquals(0, natterjack("user", "remove", "alice", "--data-dir", data).exitCode());
        assertEquals(1, natterjack("user", "remove", "alice", "--data-dir", data).exitCode());
        assertTrue(!natterjack("user", "list", "--data-dir", data).output().contains("alice"));
    }

    @Test
    void ringGroupsAreAddedListedAndRemoved() throws Exception {
        String data = dir.resolve("data").toString();
        assertEquals(0, natterjack("user", "add", "ann", "--password", "pw", "--data-dir", data).exitCode());
        GatewayProcess.CliResult added = natterjack("group", "add", "sales", "--members", "ann,bo",
                "--strategy", "sequential", "--ring-seconds", "15", "--data-dir", data);
        assertEquals(0, added.exitCode(), added.output());
        assertTrue(added.output().contains("no user bo (yet)"), "a member who is no user is named: " + added.output());
        assertEquals(1, natterjack("group", "add", "sales", "--members", "ann", "--data-dir", data).exitCode());
        GatewayProcess.CliResult bad = natterjack("group", "add", "support", "--members", "ann", "--strategy",
                "random", "--data-dir", data);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.output().contains("not parallel or sequential"), bad.output());

        GatewayProcess.CliResult list = natterjack("group", "list", "--data-dir", data);
        assertTrue(list.output().contains("sales\tsequential\tring-seconds=15\tmembers=ann,bo"), list.output());
        assertEquals(0, natterjack("group", "remove", "sales", "--data-dir", data).exitCode());
        assertEquals(1, natterjack("group", "remove", "sales", "--data-dir", data).exitCode());
        assertEquals(0, natterjack("route", "add", "--prefix", "200", "--to", "group:sales", "--data-dir", data)
                .exitCode(), "a route may name a group before it exists");
    }

    @Test
    void badUserNameIsRefused() throws Exception {
        GatewayProcess.CliResult r = natterjack("user", "add", "al ice", "--password", "pw",
                "--data-dir", dir.resolve("data").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.output().contains("user name may hold"), r.output());
    }

    @Test
    void storeKeepsOnlyHashesOfPasswords() throws Exception {
        String data = dir.resolve("data").toString();
        natterjack("user", "add", "carol", "--password", "very-secret-pw", "--data-dir", data);
        byte[] db = Files.readAllBytes(dir.resolve("data/natterjack.db"));
        assertEquals(-1, new String(db, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("very-secret-pw"));
    }
}
