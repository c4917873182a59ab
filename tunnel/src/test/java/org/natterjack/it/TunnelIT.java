package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        for (String user : List.of("alice", "bruno", "carla", "dario")) {
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

    @Test
    void anApplicationSpeakingTcpToTheAgentIsCalledOverItsConnection() throws Exception {
        int agentPort = Ports.free();
        int phonePort = Ports.free();
        try (AgentProcess agent = agent("carla", "pw-carla", agentPort, fingerprint)) {
            agent.awaitLog("open as carla", 20);
            Sipp.Running phone = Sipp.start(dir.resolve("carla"), List.of(), "register-and-wait.xml",
                    "127.0.0.1:" + agentPort, List.of("-t", "t1", "-i", "127.0.0.1", "-p", Integer.toString(phonePort),
                            "-au", "carla", "-ap", "pw-carla", "-key", "user", "carla", "-key", "domain", "127.0.0.1",
                            "-key", "contact", "Contact: <sip:carla@127.0.0.1:" + phonePort + ";transport=tcp>",
                            "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "8000"));
            gateway.awaitBindings("sip:carla@127.0.0.1", 1);

            Sipp.Result caller = Sipp.run(dir.resolve("caller-tcp"), List.of(), "uac-call.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                            "-key", "callee", "carla", "-key", "domain", "127.0.0.1", "-key", "caller", "zoe",
                            "-key", "caller_domain", "198.51.100.7", "-d", "500"));

            assertEquals(0, caller.exitCode(), caller.screen());
            assertEquals(1, phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE")).count(),
                    "the INVITE reached the phone over the TCP connection it opened to the agent");
        }
    }

    @Test
    void twoPhonesBehindOneAgentHoldBindingsOfTheirOwn() throws Exception {
        int agentPort = Ports.free();
        try (AgentProcess agent = agent("dario", "pw-dario", agentPort, fingerprint)) {
            agent.awaitLog("open as dario", 20);
            List<Sipp.Running> phones = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int phonePort = Ports.free();
                phones.add(Sipp.start(dir.resolve("dario-" + i), List.of(), "register-and-wait.xml",
                        "127.0.0.1:" + agentPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(phonePort),
                                "-au", "dario", "-ap", "pw-dario", "-key", "user", "dario", "-key", "domain",
                                "127.0.0.1", "-key", "contact", "Contact: <sip:dario@127.0.0.1:" + phonePort + ">",
                                "-d", "3000")));
            }

            List<Map<String, Object>> bindings = gateway.awaitBindings("sip:dario@127.0.0.1", 2);
            assertTrue(!bindings.get(0).get("instance_id").equals(bindings.get(1).get("instance_id")),
                    "each application has an instance of its own, so neither replaces the other: " + bindings);
            for (Sipp.Running phone : phones) {
                phone.await();
            }
        }
    }

    @Test
    void anAgentReachesTheGatewayThroughAnHttpProxy() throws Exception {
        int proxyPort = Ports.free();
        Path proxyDir = Files.createDirectories(dir.resolve("proxy"));
        Path proxyLog = proxyDir.resolve("tinyproxy.log");
        Files.writeString(proxyDir.resolve("tinyproxy.conf"), """
                Port %d
                Listen 127.0.0.1
                Timeout 60
                Allow 127.0.0.1
                ConnectPort %d
                LogLevel Connect
                LogFile "%s"
                """.formatted(proxyPort, tunnelPort, proxyLog));
        Process proxy = new ProcessBuilder("tinyproxy", "-d", "-c", proxyDir.resolve("tinyproxy.conf").toString())
                .redirectErrorStream(true).redirectOutput(proxyDir.resolve("stdout").toFile()).start();
        try {
            // The agent retries (after 1 s) if tinyproxy is not listening yet.
            try (AgentProcess agent = AgentProcess.start(dir.resolve("agent-proxied"), List.of(), "--gateway",
                    "127.0.0.1:" + tunnelPort, "--user", "alice", "--password", "pw-alice", "--domain", "127.0.0.1",
                    "--listen", "127.0.0.1:" + Ports.free(), "--fingerprint", fingerprint,
                    "--proxy", "127.0.0.1:" + proxyPort)) {
                agent.awaitLog("open as alice", 20);
            }
            assertTrue(Files.readString(proxyLog).contains("CONNECT 127.0.0.1:" + tunnelPort),
                    "the agent went through the proxy:\n" + Files.readString(proxyLog));
        } finally {
            proxy.destroy();
            proxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rtpCrossesTheTunnelBothWays() throws Exception {
        int agentPort = Ports.free();
        int phonePort = Ports.free();
        int phoneMedia = Ports.free();
        int callerMedia = Ports.free();
        try (AgentProcess agent = agent("bruno", "pw-bruno", agentPort, fingerprint)) {
            agent.awaitLog("open as bruno", 20);
            Sipp.Running phone = Sipp.start(dir.resolve("bruno"), List.of(), "register-and-wait.xml",
                    "127.0.0.1:" + agentPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(phonePort),
                            "-mp", Integer.toString(phoneMedia), "-rtp_echo", "-au", "bruno", "-ap", "pw-bruno",
                            "-key", "user", "bruno", "-key", "domain", "127.0.0.1",
                            "-key", "contact", "Contact: <sip:bruno@127.0.0.1:" + phonePort + ">",
                            "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "14000"));
            gateway.awaitBindings("sip:bruno@127.0.0.1", 1);

            Sipp.Result caller = Sipp.run(dir.resolve("caller-media"), List.of(), "uac-call-media.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                            "-mp", Integer.toString(callerMedia), "-key", "callee", "bruno", "-key", "domain",
                            "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7",
                            "-d", "8000"));
            assertEquals(0, caller.exitCode(), caller.screen());

            SipTrace.Message invite = phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                    .findFirst().orElseThrow();
            String media = invite.linesStartingWith("m=audio ").get(0);
            assertTrue(invite.linesStartingWith("c=IN IP4 127.0.0.1").size() > 0 && !media.contains(" 9 "),
                    "the phone is offered the agent's local media port\n" + invite.text());
            String summary = awaitLogLine("media relay closed");
            Matcher counts = Pattern.compile("caller sent (\\d+) got (\\d+) pkts from /127\\.0\\.0\\.1:" + callerMedia
                    + ".*callee sent (\\d+) got (\\d+) pkts from \\(not latched\\)").matcher(summary);
            assertTrue(counts.find(), "the callee's side is carried by the tunnel, not latched to a socket: "
                    + summary);
            assertTrue(Integer.parseInt(counts.group(1)) >= 200, "the caller's packets reached the relay: " + summary);
            assertTrue(Integer.parseInt(counts.group(4)) >= 200, "... and went into the tunnel: " + summary);
            assertTrue(Integer.parseInt(counts.group(3)) >= 200,
                    "the phone's echo came back out of the tunnel: " + summary);
            assertTrue(Integer.parseInt(counts.group(2)) >= 200, "... and on to the caller: " + summary);
        }
    }

    private static String awaitLogLine(String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            var line = gateway.log().lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the gateway log:\n" + gateway.log());
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
