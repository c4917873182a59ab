package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel end to end on loopback: a real gateway with its tunnel on, a real {@code natterjack agent} logged in
 * as the user, and sipp as the unmodified application behind the agent and as a caller on the open side.
 */
class TunnelIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int sipPort;
    static int tunnelPort;
    static String fingerprint;

    @BeforeAll
    static void startGateway() throws Exception {
        sipPort = Ports.free();
        tunnelPort = Ports.free();
        for (String user : List.of("alice", "bruno")) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                plugins:
                  tunnel:
                    enabled: true
                    listen: 127.0.0.1:%d
                """.formatted(tunnelPort), List.of(), "--listen", "127.0.0.1:" + sipPort);
        Matcher m = Pattern.compile("certificate SHA-256 fingerprint ([0-9A-F:]{95})").matcher(gateway.log());
        assertTrue(m.find(), "the gateway logs the fingerprint agents pin:\n" + gateway.log());
        fingerprint = m.group(1);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static AgentProcess agent(String user, String password, int listenPort, String pin) throws Exception {
        return AgentProcess.start(dir.resolve("agent-" + user), List.of(), "--gateway", "127.0.0.1:" + tunnelPort,
                "--user", user, "--password", password, "--domain", "127.0.0.1",
                "--listen", "127.0.0.1:" + listenPort, "--fingerprint", pin);
    }

    @Test
    void anApplicationBehindTheAgentRegistersAndIsCalledThroughTheTunnel() throws Exception {
        int agentPort = Ports.free();
        int phonePort = Ports.free();
        try (AgentProcess agent = agent("alice", "pw-alice", agentPort, fingerprint)) {
            agent.awaitLog("Tunnel to 127.0.0.1:" + tunnelPort + " open as alice", 20);
            Sipp.Running phone = Sipp.start(dir.resolve("phone"), List.of(), "register-and-wait.xml",
                    "127.0.0.1:" + agentPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(phonePort),
                            "-au", "alice", "-ap", "pw-alice", "-key", "user", "alice", "-key", "domain", "127.0.0.1",
                            "-key", "contact", "Contact: <sip:alice@127.0.0.1:" + phonePort + ">",
                            "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "8000"));
            Map<String, Object> binding = gateway.awaitBindings("sip:alice@127.0.0.1", 1).get(0);
            assertEquals("tcp", String.valueOf(binding.get("transport")).toLowerCase(),
                    "the binding's flow is the tunnel session, a connection\n" + binding);
            assertTrue(String.valueOf(binding.get("instance_id")).startsWith("<urn:uuid:"),
                    "the agent gave the application's contact its device instance (RFC 5626)\n" + binding);

            Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-call.xml", "127.0.0.1:" + sipPort,
                    List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "alice",
                            "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain",
                            "198.51.100.7", "-d", "500"));

            assertEquals(0, caller.exitCode(), "INVITE answered 200 through the tunnel, BYE answered 200\n"
                    + caller.screen());
            SipTrace callee = phone.await().trace();
            assertEquals(1, callee.received().stream().filter(m -> m.isRequest("INVITE")).count());
            assertEquals(1, callee.received().stream().filter(m -> m.isRequest("BYE")).count(),
                    "the BYE followed the route set into the tunnel");

            agent.kill();
            assertEquals(List.of(), gateway.awaitBindings("sip:alice@127.0.0.1", 0),
                    "kill -9 of the agent: its flow is dead at once, not at expiry (calls take the home route)");
        }
    }
}
