package org.natterjack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.network.api.NetworkConfig;

/**
 * The image's real {@code network-apply} script, run against temporary directories (its NETWORK_DIR,
 * RUN_NETWORK_DIR and NETWORK_REQUEST variables) with {@code networkctl} replaced by a stub on PATH that records
 * its arguments.
 */
class NetworkApplyScriptTest {

    static final Path SCRIPT = Path.of("../appliance-image/src/image/rootfs/usr/lib/natterjack/network-apply");
    static final String STATIC = NetworkFile.render(new NetworkConfig("en* eth*", "static", "10.0.2.15/24",
            "10.0.2.2", "", "", List.of("10.0.2.3"), List.of()));

    @TempDir
    Path tmp;
    Path dir;
    Path run;
    Path request;
    Path calls;
    Path bin;

    record Run(int exit, String output) {
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(tmp.resolve("data/network"));
        run = tmp.resolve("run/systemd/network");
        request = Files.createDirectories(tmp.resolve("run/natterjack")).resolve("network-apply");
        calls = tmp.resolve("networkctl.calls");
        bin = Files.createDirectories(tmp.resolve("bin"));
        Path stub = bin.resolve("networkctl");
        Files.writeString(stub, """
                #!/bin/sh
                echo "$*" >> "$NETWORKCTL_CALLS"
                if [ "$1" = list ]; then
                  echo "  1 lo     loopback carrier    unmanaged"
                  echo "  2 enp1s0 ether    routable   configured"
                  echo "  3 enp2s0 ether    no-carrier configuring"
                fi
                """);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run script(String mode) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), mode).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("NETWORK_DIR", dir.toString());
        env.put("RUN_NETWORK_DIR", run.toString());
        env.put("NETWORK_REQUEST", request.toString());
        env.put("NETWORKCTL_CALLS", calls.toString());
        env.put("PATH", bin + ":" + env.get("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), out);
    }

    private List<String> networkctl() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Path inEffect() {
        return run.resolve(NetworkFile.NAME);
    }

    @Test
    void aCandidateRequestPutsTheCandidateInEffectAndReconfiguresTheEthernetLinks() throws Exception {
        Files.writeString(dir.resolve(NetworkFile.NAME + ".candidate"), STATIC);
        Files.writeString(request, "candidate\n");
        Run r = script("request");
        assertEquals(0, r.exit(), r.output());
        assertEquals(STATIC, Files.readString(inEffect()));
        assertFalse(Files.exists(request), "the request is used up");
        assertEquals(List.of("reload", "list --no-legend --no-pager", "reconfigure enp1s0 enp2s0"), networkctl());
    }

    @Test
    void aStoredRequestWithoutAStoredFileGoesBackToDhcp() throws Exception {
        Files.createDirectories(run);
        Files.writeString(inEffect(), STATIC);
        Files.writeString(request, "stored\n");
        Run r = script("request");
        assertEquals(0, r.exit(), r.output());
        assertFalse(Files.exists(inEffect()));
        assertTrue(r.output().contains("DHCP"), r.output());
        assertTrue(networkctl().contains("reload"));
    }

    @Test
    void atBootTheStoredFileIsCopiedWithoutNetworkctl() throws Exception {
        Files.writeString(dir.resolve(NetworkFile.NAME), STATIC);
        Files.writeString(dir.resolve(NetworkFile.NAME + ".candidate"), "[Match]\nName=eth9\n");
        Run r = script("boot");
        assertEquals(0, r.exit(), r.output());
        assertEquals(STATIC, Files.readString(inEffect()));
        assertEquals(List.of(NetworkFile.NAME), Files.list(run).map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(), networkctl());
    }

    @Test
    void anythingButTheWebAdminsKeysIsRefusedAndNothingChanges() throws Exception {
        Files.createDirectories(run);
        Files.writeString(inEffect(), STATIC);
        Files.writeString(dir.resolve(NetworkFile.NAME + ".candidate"), STATIC + "[Link]\nMACAddress=02:00:00:00:00:01\n");
        Files.writeString(request, "candidate\n");
        Run r = script("request");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("refused") && r.output().contains("[Link]"), r.output());
        assertEquals(STATIC, Files.readString(inEffect()));
        assertEquals(List.of(), networkctl());
        assertEquals(List.of(NetworkFile.NAME), Files.list(run).map(p -> p.getFileName().toString()).toList(),
                "no temporary copy left");
    }

    @Test
    void aSymlinkOrAFileWithoutNameIsRefused() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "root:x:0:0\n");
        Files.createSymbolicLink(dir.resolve(NetworkFile.NAME + ".candidate"), secret);
        Files.writeString(request, "candidate\n");
        Run r = script("request");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("not a regular file"), r.output());
        assertFalse(Files.exists(inEffect()));

        Files.writeString(dir.resolve(NetworkFile.NAME), "[Network]\nDHCP=yes\n");
        r = script("boot");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("Name= is required"), r.output());
        assertFalse(Files.exists(inEffect()));
    }

    @Test
    void anUnknownRequestIsRefused() throws Exception {
        Files.writeString(request, "../../etc/shadow\n");
        Run r = script("request");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("unknown request"), r.output());
        assertEquals(List.of(), networkctl());
    }

    @Test
    void nowAppliesTheStoredFileWrittenByHand() throws Exception {
        Files.writeString(dir.resolve(NetworkFile.NAME), "[Match]\nName=enp1s0\n[Network]\nAddress=10.0.2.15/24\n"
                + "Gateway=10.0.2.2\nDNS=10.0.2.3\n");
        Run r = script("now");
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.readString(inEffect()).contains("Address=10.0.2.15/24"));
        assertEquals("reconfigure enp1s0 enp2s0", networkctl().get(2));
    }
}
