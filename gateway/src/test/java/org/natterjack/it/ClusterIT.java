package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.PostgresServer;

/**
 * Two gateway nodes (127.0.0.2 and 127.0.0.3) sharing one real PostgreSQL: a phone whose flow node A holds is called
 * through node B, and an account added through B's command line registers on A.
 */
class ClusterIT {

    private static final String DOMAIN = "cluster.test";

    @TempDir
    static Path dir;
    static String url;
    static Node a;
    static Node b;

    /** A running node: its process, address and configuration file. */
    record Node(String name, String ip, int port, Path config, GatewayProcess process) {
        String target() {
            return ip + ":" + port;
        }
    }

    @BeforeAll
    static void startNodes() throws Exception {
        url = PostgresServer.shared().freshDatabase();
        a = start("a", "127.0.0.2");
        b = start("b", "127.0.0.3");
    }

    private static Node start(String name, String ip) throws Exception {
        int port = Ports.free();
        String yaml = config(name, ip, port, url);
        Path nodeDir = dir.resolve(name);
        Files.createDirectories(nodeDir);
        Path config = nodeDir.resolve("natterjack.yaml");
        Files.writeString(config, yaml);
        return new Node(name, ip, port, config, GatewayProcess.start(nodeDir, yaml, List.of()));
    }

    private static String config(String name, String ip, int port, String storeUrl) {
        return SharedStoreNode.yaml(name, ip + ":" + port, DOMAIN, storeUrl);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Node n : new Node[] {a, b}) {
            if (n != null) {
                n.process().close();
            }
        }
    }

    private static void addUser(Node through, String user) throws Exception {
        GatewayProcess.CliResult added = GatewayProcess.run(List.of(), "user", "add", user, "--password",
                "pw-" + user, "--config", through.config().toString(), "--data-dir",
                through.config().getParent().resolve("data").toString());
        assertEquals(0, added.exitCode(), added.output());
    }

    /**
     * A phone that registers through {@code node} from 127.0.0.1 with a private Contact (so the gateway sees it
     * behind NAT and reaches it only over the flow), answering calls with {@code uas}.
     */
    private static Sipp.Running phone(Node node, String user, String uas, int seconds) throws Exception {
        int sipPort = Ports.free();
        return Sipp.start(dir.resolve(user), List.of(), "register-and-wait.xml", node.target(),
                List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-au", user, "-ap", "pw-" + user,
                        "-key", "user", user, "-key", "domain", DOMAIN,
                        "-key", "contact", "Contact: <sip:" + user + "@10.77.0.9:5060>",
                        "-oocsf", Sipp.scenario(uas).toString(), "-d", Integer.toString(seconds * 1000)));
    }

    /** The nodes holding {@code aor}'s stored bindings, waiting (bounded: 10 s) until there are {@code count}. */
    private static List<String> awaitStoredNodes(String aor, int count) throws Exception {
        return awaitNodes("SELECT node FROM binding WHERE aor = ? ORDER BY node", aor, count);
    }

    /** The nodes that recorded calls from {@code caller}, waiting (bounded: 10 s) until there are {@code count}. */
    private static List<String> awaitRecordingNodes(String caller, int count) throws Exception {
        return awaitNodes("SELECT node FROM call_record WHERE caller = ? ORDER BY node", caller, count);
    }

    private static List<String> awaitNodes(String sql, String key, int count) throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 100 && nodes.size() != count; i++) {
            Thread.sleep(100);
            nodes.clear();
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                 PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        nodes.add(rs.getString(1));
                    }
                }
            }
        }
        return nodes;
    }

    private static List<SipTrace.Message> requests(Sipp.Result ua, String method) {
        return ua.trace().received().stream().filter(m -> m.isRequest(method)).toList();
    }

    @Test
    void aPhoneOnNodeAIsCalledThroughNodeB() throws Exception {
        addUser(a, "bob");
        Sipp.Running bob = phone(a, "bob", "uas-answer.xml", 10);
        assertEquals(List.of("a"), awaitStoredNodes("sip:bob@" + DOMAIN, 1), "the binding names the node holding it");
        Thread.sleep(300); // B hears of it by notification once A's write-behind flush commits

        Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-call.xml", b.target(),
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "bob",
                        "-key", "domain", DOMAIN, "-key", "caller", "yann", "-key", "caller_domain", "198.51.100.7",
                        "-d", "500"));
        assertEquals(0, caller.exitCode(), "INVITE answered 200 through B and A, BYE answered 200");

        Sipp.Result callee = bob.await();
        SipTrace.Message invite = requests(callee, "INVITE").get(0);
        String vias = String.join(",", invite.headers("Via"));
        assertTrue(vias.contains(a.ip()) && vias.contains(b.ip()), "the INVITE came through B, then A: " + vias);
        assertEquals(4, String.join(",", invite.headers("Record-Route")).split(",").length,
                "both nodes record-route (two each)");
        assertEquals(1, invite.linesStartingWith("c=IN IP4 " + b.ip()).size(),
                "B anchored the media in its relay; A passed the SDP on: " + invite.linesStartingWith("c="));
        SipTrace.Message bye = requests(callee, "BYE").get(0);
        String byeVias = String.join(",", bye.headers("Via"));
        assertTrue(byeVias.contains(a.ip()) && byeVias.contains(b.ip()), "the BYE passed both nodes: " + byeVias);
        assertEquals(List.of("b"), awaitRecordingNodes("yann", 1),
                "one call record, by the node that routed and anchored the call");
    }

    @Test
    void anAccountAddedThroughNodeBRegistersOnNodeAAtOnce() throws Exception {
        addUser(b, "carol");
        Sipp.Running carol = phone(a, "carol", "uas-answer.xml", 1);
        assertEquals(List.of("a"), awaitStoredNodes("sip:carol@" + DOMAIN, 1));
        Sipp.Result registered = carol.await();
        assertEquals(0, registered.exitCode(), "A knew carol: 401 then 200, not 403/404");
        assertTrue(registered.trace().received().stream().anyMatch(m -> m.status() == 200));
    }

    @Test
    void aPhoneRegisteredThroughTwoNodesIsReachedThroughTheOtherWhenOneIsKilled() throws Exception {
        Node c = start("c", "127.0.0.4");
        try {
            addUser(a, "dora");
            int sipPort = Ports.free();
            Sipp.Running dora = Sipp.start(dir.resolve("dora"), List.of(), "register-two-flows.xml", c.target(),
                    List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-au", "dora", "-ap", "pw-dora",
                            "-key", "user", "dora", "-key", "domain", DOMAIN, "-key", "contact_host", "10.77.0.9:5060",
                            "-key", "second_host", b.ip(), "-key", "second_port", Integer.toString(b.port()),
                            "-oocsf", Sipp.scenario("uas-answer.xml").toString(), "-d", "20000"));
            assertEquals(List.of("b", "c"), awaitStoredNodes("sip:dora@" + DOMAIN, 2),
                    "reg-id 1 held by c, reg-id 2 by b");
            Thread.sleep(300);

            c.process().kill();
            long killed = System.nanoTime();
            Sipp.Result caller = Sipp.run(dir.resolve("caller-dora"), List.of(), "uac-call.xml", b.target(),
                    List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "dora",
                            "-key", "domain", DOMAIN, "-key", "caller", "zoe", "-key", "caller_domain",
                            "198.51.100.7", "-d", "500"));
            assertEquals(0, caller.exitCode(), "answered over b's own flow while c was dead");

            String dead = "Node c (" + c.target() + ") is dead";
            while (!b.process().log().contains(dead) && System.nanoTime() - killed < 10_000_000_000L) {
                Thread.sleep(100);
            }
            assertTrue(b.process().log().contains(dead), "b marked c dead");
            assertTrue(System.nanoTime() - killed < 8_000_000_000L,
                    "within node.dead-after-seconds (5) and a heartbeat or two");
            dora.process().destroy();
        } finally {
            c.process().close();
        }
    }

    @Test
    void aNodeWhoseDatabaseIsUnreachableRefusesToStart() throws Exception {
        int closed = Ports.free();
        Path nodeDir = dir.resolve("unreachable");
        Files.createDirectories(nodeDir);
        Path config = nodeDir.resolve("natterjack.yaml");
        Files.writeString(config, config("u", "127.0.0.5", Ports.free(), "jdbc:postgresql://127.0.0.1:" + closed
                + "/natterjack"));
        GatewayProcess.CliResult run = GatewayProcess.run(List.of(), "run", "--config", config.toString(),
                "--data-dir", nodeDir.resolve("data").toString());
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/natterjack"),
                run.output());
    }
}
