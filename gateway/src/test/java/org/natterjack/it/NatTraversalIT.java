package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real NAT: network namespaces, veth pairs and nftables masquerade (src/test/nat/topology.sh). The
 * gateway listens on the public side; sipp, as the user agent, sits behind the NAT. The NAT's UDP binding
 * lifetime is cut to 5 s so that keeping it open visibly depends on the gateway's keepalives.
 */
class NatTraversalIT {

    private static final int NAT_LIFETIME_SECONDS = 5;
    private static final String GATEWAY = "203.0.113.10";
    private static final String NAT_PUBLIC = "203.0.113.1";
    private static final String CLIENT = "10.0.0.2";

    @TempDir
    Path dir;
    private Topology network;
    private GatewayProcess gateway;

    @BeforeEach
    void buildNetwork() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "NatTraversalIT needs root to create network namespaces; skipped");
        network = Topology.up("nj" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), NAT_LIFETIME_SECONDS, 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (network != null) {
            network.down();
        }
    }

    @Test
    void clientBehindNatIsReachableOnlyThroughTheBindingTheGatewayLearned() throws Exception {
        startGateway(2, 3);
        Sipp.Running client = startClient(Duration.ofSeconds(4 * NAT_LIFETIME_SECONDS));

        Map<String, Object> binding = awaitBinding();
        assertEquals("sip:alice@" + CLIENT + ":5060", binding.get("contact"), "the Contact is kept as sent");
        assertEquals(NAT_PUBLIC, binding.get("received_address"), "the NAT's public address is stored");
        assertEquals(5060, binding.get("received_port"), "and its translated port");
        assertTrue(binding.get("nat").toString().contains("CONTACT_PRIVATE"), binding.toString());
        assertTrue(binding.get("nat").toString().contains("VIA_ADDRESS_DIFFERS"), binding.toString());

        // The same request to the private Contact, from the gateway's network, is stopped by the NAT.
        Sipp.Result direct = Sipp.run(dir.resolve("probe"), netns("pub"), "options.xml", CLIENT + ":5060",
                List.of("-i", GATEWAY, "-p", "5070", "-key", "target_uri", "sip:alice@" + CLIENT + ":5060",
                        "-timeout", "3s"));
        assertNotEquals(0, direct.exitCode(), "an OPTIONS to the private Contact must not be answered");
        assertTrue(routerCounter("refused inbound") >= 1, "the NAT refused the packet for the private address");

        Sipp.Result ua = client.await();
        assertEquals(0, ua.exitCode(), "the user agent registered and stayed up");
        List<SipTrace.Message> keepalives = ua.trace().received().stream()
                .filter(m -> m.isRequest("OPTIONS")).toList();
        assertTrue(keepalives.stream().noneMatch(m -> m.text().contains("probe@")),
                "the probe to the private address never reached the client");
        assertTrue(keepalives.size() >= 6, "keepalives through the NAT binding reached the client: " + keepalives.size());
        Duration span = Duration.between(keepalives.get(0).at(), keepalives.get(keepalives.size() - 1).at());
        assertTrue(span.toSeconds() >= 3L * NAT_LIFETIME_SECONDS,
                "reachable for at least three NAT binding lifetimes, was " + span);
    }

    @Test
    void withoutTimelyKeepalivesTheNatForgetsTheClientAndTheGatewayDropsTheBinding() throws Exception {
        startGateway(3 * NAT_LIFETIME_SECONDS, 1);
        Sipp.Running client = startClient(Duration.ofSeconds(4 * NAT_LIFETIME_SECONDS));
        awaitBinding();

        Sipp.Result ua = client.await();
        assertEquals(0, ua.exitCode());
        long reached = ua.trace().received().stream().filter(m -> m.isRequest("OPTIONS")).count();
        assertEquals(0, reached, "after the NAT binding lapsed no request reaches the client");
        assertTrue(routerCounter("reached the router itself") >= 1,
                "the gateway's keepalive arrived at the NAT, which had no binding left to forward it to");

        // The unanswered keepalive times out (16 s) and, with keepalive-failures 1, the binding goes.
        List<Map<String, Object>> rows = gateway.bindings("sip:alice@" + GATEWAY);
        for (int i = 0; i < 300 && !rows.isEmpty(); i++) {
            Thread.sleep(100);
            rows = gateway.bindings("sip:alice@" + GATEWAY);
        }
        assertEquals(List.of(), rows, "an unreachable binding is dropped");
        assertTrue(gateway.log().contains("Dropped binding sip:alice@" + CLIENT), gateway.log());
    }

    private void startGateway(int keepaliveSeconds, int failures) throws Exception {
        String config = "nat:\n  keepalive-seconds: " + keepaliveSeconds + "\n  keepalive-failures: " + failures + "\n";
        GatewayProcess.CliResult added = GatewayProcess.run(List.of(), "user", "add", "alice", "--password",
                "secret", "--data-dir", dir.resolve("gw/data").toString());
        assertEquals(0, added.exitCode(), added.output());
        gateway = GatewayProcess.start(dir.resolve("gw"), config, netns("pub"), "--listen", GATEWAY + ":5060");
    }

    private Sipp.Running startClient(Duration online) throws IOException {
        return Sipp.start(dir.resolve("client"), netns("cli"), "register-and-wait.xml", GATEWAY + ":5060",
                List.of("-i", CLIENT, "-p", "5060", "-au", "alice", "-ap", "secret", "-key", "user", "alice",
                        "-key", "domain", GATEWAY, "-key", "contact", "Contact: <sip:alice@" + CLIENT + ":5060>",
                        "-oocsf", Sipp.SCENARIOS.resolve("answer-options.xml").toString(),
                        "-d", Long.toString(online.toMillis())));
    }

    private Map<String, Object> awaitBinding() throws Exception {
        return gateway.awaitBindings("sip:alice@" + GATEWAY, 1).get(0);
    }

    private List<String> netns(String role) {
        return network.netns(role);
    }

    private long routerCounter(String comment) throws Exception {
        return network.counter("rtr", comment);
    }
}
