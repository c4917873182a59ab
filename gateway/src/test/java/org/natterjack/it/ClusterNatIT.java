package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.PostgresServer;

/**
 * Two nodes and their PostgreSQL on a public network (src/test/nat/topology.sh), a phone behind a real NAT router
 * registered through node A: a call through node B reaches it only through A's binding, and nothing but A's flow
 * ever reaches the router from outside.
 */
class ClusterNatIT {

    private static final String DATABASE_HOST = "203.0.113.10";
    private static final String NODE_A = "203.0.113.20";
    private static final String NODE_B = "203.0.113.21";
    private static final String DOMAIN = "cluster.test";

    @TempDir
    Path dir;

    private Path config(String name, String ip, String url) throws Exception {
        Path nodeDir = dir.resolve(name);
        Files.createDirectories(nodeDir);
        return Files.writeString(nodeDir.resolve("node.yaml"), SharedStoreNode.yaml(name, ip + ":5060", DOMAIN, url));
    }

    @Test
    void aPhoneBehindANatIsReachedOnlyThroughTheNodeHoldingItsFlow() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "ClusterNatIT needs root to create network namespaces; skipped");
        Topology network = Topology.up("cn" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 30,
                1);
        GatewayProcess a = null;
        GatewayProcess b = null;
        try (PostgresServer postgres = PostgresServer.startIn(network.netns("pub"), DATABASE_HOST)) {
            network.addAddress("pub", NODE_A + "/24", "br0");
            network.addAddress("pub", NODE_B + "/24", "br0");
            String url = postgres.freshDatabase();
            String database = url.substring(url.lastIndexOf('/') + 1);
            Path configA = config("a", NODE_A, url);
            a = GatewayProcess.start(dir.resolve("a"), Files.readString(configA), network.netns("pub"));
            b = GatewayProcess.start(dir.resolve("b"), Files.readString(config("b", NODE_B, url)),
                    network.netns("pub"));
            GatewayProcess.CliResult added = GatewayProcess.run(network.netns("pub"), "user", "add", "alice",
                    "--password", "pw-alice", "--config", configA.toString(), "--data-dir",
                    dir.resolve("cli").toString());
            assertEquals(0, added.exitCode(), added.output());

            Sipp.Running alice = Sipp.start(dir.resolve("alice"), network.netns("cli"), "register-and-wait.xml",
                    NODE_A + ":5060", List.of("-i", "10.0.0.2", "-p", "5062", "-au", "alice", "-ap", "pw-alice",
                            "-key", "user", "alice", "-key", "domain", DOMAIN,
                            "-key", "contact", "Contact: <sip:alice@10.0.0.2:5062>",
                            "-oocsf", Sipp.scenario("uas-answer.xml").toString(), "-d", "10000"));
            String held = "";
            for (int i = 0; i < 100 && !held.equals("a"); i++) {
                Thread.sleep(100);
                held = postgres.query(database, "SELECT node FROM binding").strip();
            }
            assertEquals("a", held, "the binding names the node whose socket the NAT binding ends at");
            Thread.sleep(300); // b takes it in by notification

            Sipp.Result caller = Sipp.run(dir.resolve("zoe"), network.netns("pub"), "uac-call.xml", NODE_B + ":5060",
                    List.of("-i", DATABASE_HOST, "-p", "5090", "-key", "callee", "alice", "-key", "domain", DOMAIN,
                            "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7", "-d", "500"));
            assertEquals(0, caller.exitCode(), "answered through B and A, hung up: " + caller.screen());

            SipTrace.Message invite = alice.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                    .findFirst().orElseThrow();
            String vias = String.join(",", invite.headers("Via"));
            assertTrue(vias.contains(NODE_A) && vias.contains(NODE_B), vias);
            assertEquals(0, network.counter("rtr", "refused inbound"),
                    "only A's flow reached the phone: B never tried the NAT's public side itself");
            assertEquals(0, network.counter("pub", "to a private address"), "no node sent to 10.0.0.2");
        } finally {
            for (GatewayProcess g : new GatewayProcess[] {a, b}) {
                if (g != null) {
                    g.close();
                }
            }
            network.down();
        }
    }
}
