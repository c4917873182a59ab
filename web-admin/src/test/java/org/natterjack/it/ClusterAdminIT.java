package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.PostgresServer;

/**
 * Two gateways with their web admins on one real PostgreSQL: an account added on node B's web admin registers on
 * node A at once; each web admin lists both nodes and the bindings each holds, and says which node serves it;
 * each node's metrics carry its name.
 */
class ClusterAdminIT {

    private static final String DOMAIN = "cluster.test";

    @TempDir
    Path dir;

    private GatewayProcess node(String name, String ip, int sipPort, int adminPort, String url) throws Exception {
        return GatewayProcess.start(dir.resolve(name), SharedStoreNode.yaml(name, ip + ":" + sipPort, DOMAIN, url),
                List.of(), "--admin-listen", "127.0.0.1:" + adminPort);
    }

    @Test
    void anAccountAddedOnNodeBRegistersOnNodeAAndBothWebAdminsShowTheNodes() throws Exception {
        String url = PostgresServer.shared().freshDatabase();
        int sipA = Ports.free();
        int sipB = Ports.free();
        int adminA = Ports.free();
        int adminB = Ports.free();
        try (GatewayProcess a = node("a", "127.0.0.2", sipA, adminA, url);
             GatewayProcess b = node("b", "127.0.0.3", sipB, adminB, url)) {
            AdminClient onA = AdminClient.setUpAdmin(a, adminA, "cluster-password");
            AdminClient onB = AdminClient.of(b, adminB).logIn("admin", "cluster-password");

            assertEquals(201, onB.json("POST", "/api/v1/users",
                    "{\"username\":\"erin\",\"password\":\"pw-erin\"}").status());
            int port = Ports.free();
            Sipp.Result registered = Sipp.run(dir.resolve("erin"), List.of(), "register-and-wait.xml",
                    "127.0.0.2:" + sipA, List.of("-i", "127.0.0.1", "-p", Integer.toString(port), "-au", "erin",
                            "-ap", "pw-erin", "-key", "user", "erin", "-key", "domain", DOMAIN,
                            "-key", "contact", "Contact: <sip:erin@10.66.0.7:5060>", "-d", "100"));
            assertEquals(0, registered.exitCode(), "node A knew the account node B's web admin had just added: "
                    + registered.screen());

            JsonNode nodes = awaitHeldBinding(onB, "a");
            assertTrue(nodes.get("shared").asBoolean());
            assertEquals("b", nodes.get("self").asText());
            assertEquals(2, nodes.get("nodes").size(), nodes.toString());
            for (JsonNode n : nodes.get("nodes")) {
                assertTrue(n.get("alive").asBoolean(), n.toString());
                assertEquals(n.get("name").asText().equals("b"), n.get("self").asBoolean(), n.toString());
            }

            JsonNode erin = awaitRegistration(onB, "sip:erin@" + DOMAIN);
            assertEquals("a", erin.get("node").asText(), "B lists A's binding as held by A: " + erin);
            assertTrue(onB.get("/registrations").body().contains("at node a"), "the page names the holding node");

            // A call B routes (to no such user) is B's record, and its SIP messages are in B's capture only.
            Sipp.run(dir.resolve("quinn"), List.of(), "uac-expect.xml", "127.0.0.3:" + sipB,
                    List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "nobody",
                            "-key", "domain", DOMAIN, "-key", "caller", "quinn", "-key", "caller_domain",
                            "198.51.100.7"));
            JsonNode record = awaitRecord(onA, "quinn");
            assertEquals("b", record.get("node").asText(), record.toString());
            String ladder = onA.get("/calls/ladder?callId=" + java.net.URLEncoder.encode(
                    record.get("callId").asText(), java.nio.charset.StandardCharsets.UTF_8)).body();
            assertTrue(ladder.contains("<strong id=\"handled-by\">b</strong>"), "A's ladder page points at B: "
                    + ladder);

            String page = onA.get("/nodes").body();
            assertTrue(page.contains("id=\"served-by\">node a<"), page);
            assertTrue(page.contains("id=\"node-b\""), page);
            assertTrue(page.contains("<strong id=\"self\">a</strong>"), page);

            String metrics = onA.get("/metrics").body();
            assertTrue(metrics.contains("natterjack_registrations{node=\"a\"}"), "metrics carry the node: "
                    + metrics.lines().filter(l -> l.startsWith("natterjack_registrations")).toList());
        }
    }

    /** The call record of {@code caller}'s call in the shared store, read through {@code client} (bounded: 10 s). */
    private static JsonNode awaitRecord(AdminClient client, String caller) throws Exception {
        JsonNode list = null;
        for (int i = 0; i < 100; i++) {
            list = new ObjectMapper().readTree(client.get("/api/v1/cdrs?user=" + caller).body());
            if (list.size() == 1) {
                return list.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no record of " + caller + "'s call: " + list);
    }

    /** {@code aor}'s registration as {@code client}'s node lists it (bounded: 10 s). */
    private static JsonNode awaitRegistration(AdminClient client, String aor) throws Exception {
        JsonNode list = null;
        for (int i = 0; i < 100; i++) {
            list = new ObjectMapper().readTree(client.get("/api/v1/registrations").body());
            for (JsonNode r : list) {
                if (r.get("aor").asText().equals(aor)) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(aor + " never listed: " + list);
    }

    /** The nodes as {@code client}'s node lists them, once node {@code holder} holds a binding (bounded: 10 s). */
    private static JsonNode awaitHeldBinding(AdminClient client, String holder) throws Exception {
        JsonNode nodes = null;
        for (int i = 0; i < 100; i++) {
            nodes = new ObjectMapper().readTree(client.get("/api/v1/nodes").body());
            for (JsonNode n : nodes.get("nodes")) {
                if (n.get("name").asText().equals(holder) && n.get("bindings").asLong() == 1) {
                    return nodes;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + holder + " never held the binding: " + nodes);
    }
}
