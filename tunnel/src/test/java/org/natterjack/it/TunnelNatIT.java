package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel through a real NAT router (network namespaces, nftables) that lets TCP out and drops all UDP: a phone
 * behind it reaches the gateway only through the agent; the router's public address changes under a call; the
 * agent stops answering (SIGSTOP).
 */
class TunnelNatIT {

    private static final String NET = "njtun";
    private static final Path SCRIPT = Path.of("src/test/nat/udp-blocking-nat.sh").toAbsolutePath();
    private static final String GATEWAY = "203.0.113.10";
    private static final String AOR = "sip:pia@" + GATEWAY;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static String fingerprint;
    private AgentProcess agent;
    private Sipp.Running phone;

    @BeforeAll
    static void up() throws Exception {
        sh(SCRIPT.toString(), "up", NET);
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "pia", "--password", "pw-pia");
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                sip:
                  domains: ["%s"]
                plugins:
                  tunnel:
                    enabled: true
                    listen: %s:4443
                """.formatted(GATEWAY, GATEWAY), netns("pub"), "--listen", GATEWAY + ":5060");
        Matcher m = Pattern.compile("fingerprint ([0-9A-F:]{95})").matcher(gateway.log());
        assertTrue(m.find(), gateway.log());
        fingerprint = m.group(1);
    }

    @AfterAll
    static void down() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        sh(SCRIPT.toString(), "down", NET);
    }

    @AfterEach
    void stopAgentAndPhone() throws Exception {
        if (phone != null) {
            phone.process().destroy();
            phone.process().waitFor(10, TimeUnit.SECONDS);
        }
        if (agent != null) {
            agent.close();
        }
        gateway.awaitBindings(AOR, 0);
    }

    private static List<String> netns(String role) {
        return new Topology(NET).netns(role);
    }

    /** The agent in the client network, pinging every second so that it sees address changes soon. */
    private void startAgent() throws Exception {
        agent = AgentProcess.start(dir.resolve("agent"), netns("cli"), "--gateway", GATEWAY + ":4443",
                "--user", "pia", "--password", "pw-pia", "--domain", GATEWAY, "--listen", "127.0.0.1:5060",
                "--fingerprint", fingerprint, "--ping-seconds", "1");
        agent.awaitLog("open as pia", 20);
    }

    /** sipp as the phone behind the agent, echoing the RTP it gets; registered before this returns. */
    private Sipp.Running phone(int seconds) throws Exception {
        phone = Sipp.start(dir.resolve("phone"), netns("cli"), "register-and-wait.xml",
                "127.0.0.1:5060", List.of("-i", "127.0.0.1", "-p", "5070", "-mp", "6000", "-rtp_echo",
                        "-au", "pia", "-ap", "pw-pia", "-key", "user", "pia", "-key", "domain", GATEWAY,
                        "-key", "contact", "Contact: <sip:pia@127.0.0.1:5070>",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(),
                        "-d", Integer.toString(seconds * 1000)));
        gateway.awaitBindings(AOR, 1);
        return phone;
    }

    private static Sipp.Running call(int port, int mediaPort, int seconds) throws Exception {
        return Sipp.start(dir.resolve("caller"), netns("pub"), "uac-call-media.xml", GATEWAY + ":5060",
                List.of("-i", GATEWAY, "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort),
                        "-key", "callee", "pia", "-key", "domain", GATEWAY, "-key", "caller", "zoe",
                        "-key", "caller_domain", "198.51.100.7", "-d", Integer.toString(seconds * 1000)));
    }

    @Test
    void behindANatThatDropsUdpThePhoneIsReachedOnlyThroughTheAgent() throws Exception {
        sh("ip", "netns", "exec", NET + "-cli", "bash", "-c", "echo probe > /dev/udp/" + GATEWAY + "/5060");
        assertTrue(new Topology(NET).counter("rtr", "udp dropped") > 0, "this network lets no UDP out");
        startAgent();
        phone(15);

        String listening = sh("ip", "netns", "exec", NET + "-cli", "ss", "-lntupH");
        List<String> agents = listening.lines().filter(l -> l.contains("\"java\"")).toList();
        assertTrue(!agents.isEmpty(), listening);
        for (String line : agents) {
            assertTrue(line.split("\\s+")[4].matches("(\\[::ffff:)?127\\.0\\.0\\.1]?:\\d+"),
                    "the agent listens on loopback only, nothing outside:\n" + listening);
        }
        int before = summaries();
        Sipp.Result caller = call(5080, 7000, 6).await();

        assertEquals(0, caller.exitCode(), caller.screen());
        assertEquals(1, phone.await().trace().received().stream().filter(m -> m.isRequest("BYE")).count());
        int[] counts = relayCounts(before + 1);
        assertTrue(counts[0] >= 200 && counts[1] >= 200, "G.711 both ways through the tunnel: caller sent "
                + counts[0] + ", got back " + counts[1]);
    }

    @Test
    void aCallKeepsItsMediaWhenTheNatChangesItsAddressAndThePhoneIsRegisteredAgain() throws Exception {
        startAgent();
        phone(30);
        int before = summaries();
        Sipp.Running caller = call(5082, 7002, 6);
        awaitAck();
        Thread.sleep(500);

        sh(SCRIPT.toString(), "renumber", NET, "203.0.113.5");

        agent.awaitLog("calls resumed", 15);
        Sipp.Result ended = caller.await();
        assertEquals(0, ended.exitCode(), "the caller's BYE reached the phone over the resumed flow: "
                + ended.screen());
        int[] counts = relayCounts(before + 1);
        assertTrue(counts[1] >= 120, "media went on after the change (without the resume it stops there, after"
                + " some 25-50 packets): " + counts[1] + " of " + counts[0] + " echoed");
        assertEquals(1, gateway.awaitBindings(AOR, 1).size(), "the agent registered the phone again");
        Sipp.Result next = call(5084, 7004, 1).await();
        assertEquals(0, next.exitCode(), "the next call reaches the phone: " + next.screen());
    }

    @Test
    void aNewLocalAddressMakesTheAgentReconnectAtOnceAndThePhoneStaysReachable() throws Exception {
        startAgent();
        phone(30);

        sh("ip", "-n", NET + "-cli", "addr", "add", "10.0.0.3/24", "dev", "eth0");
        try {
            agent.awaitLog("the local addresses changed", 10);
            agent.awaitLog("registered " + AOR + " again", 15);
            assertEquals(1, gateway.awaitBindings(AOR, 1).size());
            Sipp.Result call = call(5086, 7006, 1).await();
            assertEquals(0, call.exitCode(), "the phone is reached over the new tunnel: " + call.screen());
        } finally {
            sh("ip", "-n", NET + "-cli", "addr", "del", "10.0.0.3/24", "dev", "eth0");
        }
    }

    @Test
    void anAgentThatStopsAnsweringIsNoticedWithinTwentySecondsAndComesBack() throws Exception {
        startAgent();
        phone(60);

        agent.signal("STOP");
        long stopped = System.nanoTime();
        for (int i = 0; i < 250 && !gateway.bindings(AOR).isEmpty(); i++) {
            Thread.sleep(100);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopped);
        assertTrue(gateway.bindings(AOR).isEmpty(), "the silent flow's binding is dropped");
        assertTrue(seconds <= 22, "within about 20 s, not at expiry: " + seconds + " s");

        agent.signal("CONT");
        agent.awaitLog("registered " + AOR + " again", 30);
        assertEquals(1, gateway.awaitBindings(AOR, 1).size(), "back: the agent registered the phone again");
    }

    private void awaitAck() throws Exception {
        for (int i = 0; i < 100; i++) {
            if (phone.traceSoFar().received().stream().anyMatch(m -> m.isRequest("ACK"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the call was not answered");
    }

    private static int summaries() throws Exception {
        return (int) gateway.log().lines().filter(l -> l.contains("media relay closed")).count();
    }

    /** The caller side's packets to and from the relay in the {@code n}th call's summary line. */
    private static int[] relayCounts(int n) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<String> lines = gateway.log().lines().filter(l -> l.contains("media relay closed")).toList();
            if (lines.size() >= n) {
                Matcher m = Pattern.compile("caller sent (\\d+) got (\\d+) pkts").matcher(lines.get(n - 1));
                assertTrue(m.find(), lines.get(n - 1));
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no relay summary for call " + n + ":\n" + gateway.log());
    }

    private static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
