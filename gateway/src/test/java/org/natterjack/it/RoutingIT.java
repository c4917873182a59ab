package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing table end to end, with rules added through the command line while the gateways run: number
 * manipulation to a local user, reject, redirect mode, and two chained gateways (each serving its own
 * domain) with failover from a dead next hop to the live one, and a route that loops back to its gateway.
 */
class RoutingIT {

    @TempDir
    static Path dir;
    static GatewayProcess a;
    static GatewayProcess b;
    static int portA;
    static int portB;
    /** A peer that swallows everything: bound, so no other test process gets its port, and never answers. */
    static java.net.DatagramSocket deadPeer;

    @BeforeAll
    static void startGateways() throws Exception {
        portA = Ports.free();
        portB = Ports.free();
        for (String user : List.of("alice", "1001", "kim")) {
            cli(dirA(), "user", "add", user, "--password", "pw-" + user, "--domain", "a.test");
        }
        cli(dirB(), "user", "add", "carl", "--password", "pw-carl", "--domain", "b.test");
        String config = "nat:\n  keepalive-seconds: 0\n";
        a = GatewayProcess.start(dir.resolve("a"), config, List.of(), "--listen", "127.0.0.1:" + portA,
                "--domain", "a.test");
        b = GatewayProcess.start(dir.resolve("b"), config, List.of(), "--listen", "127.0.0.1:" + portB,
                "--domain", "b.test");
        deadPeer = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        int dead = deadPeer.getLocalPort();
        cli(dirA(), "route", "add", "--prefix", "4930", "--strip", "4", "--to", "user:*", "--description", "DIDs");
        cli(dirA(), "route", "add", "--prefix", "0900", "--to", "reject:403");
        cli(dirA(), "route", "add", "--regex", "kim", "--to", "redirect:kim");
        cli(dirA(), "route", "add", "--regex", "carl", "--to", "hop:127.0.0.1:" + dead, "--failover",
                "--position", "10", "--description", "a dead peer first");
        cli(dirA(), "route", "add", "--regex", "carl", "--to", "hop:127.0.0.1:" + portB, "--position", "20");
        cli(dirA(), "route", "add", "--regex", "loopy", "--to", "hop:127.0.0.1:" + portA,
                "--description", "a misconfiguration: the next hop is the gateway itself");
    }

    @AfterAll
    static void stop() throws Exception {
        if (deadPeer != null) {
            deadPeer.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static Path dirA() {
        return dir.resolve("a/data");
    }

    private static Path dirB() {
        return dir.resolve("b/data");
    }

    private static void cli(Path data, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        GatewayProcess.CliResult r = GatewayProcess.run(List.of(), all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
    }

    private static Sipp.Running callee(int gatewayPort, String user, String domain, int sipPort) throws Exception {
        Sipp.Running running = Sipp.start(dir.resolve("callee"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + gatewayPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                        "-au", user, "-ap", "pw-" + user, "-key", "user", user, "-key", "domain", domain,
                        "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + sipPort + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "8000"));
        (gatewayPort == portA ? a : b).awaitBindings("sip:" + user + "@" + domain, 1);
        return running;
    }

    private static Sipp.Result call(String scenario, String callee, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", callee,
                "-key", "domain", "a.test", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7",
                "-d", "500"));
        return Sipp.run(dir.resolve("caller"), List.of(), scenario, "127.0.0.1:" + portA, args);
    }

    @Test
    void dialledNumberIsRewrittenToALocalUser() throws Exception {
        Sipp.Running user1001 = callee(portA, "1001", "a.test", Ports.free());
        assertEquals(0, call("uac-call.xml", "49301001").exitCode(), "4930 stripped: the call reaches 1001");
        SipTrace.Message invite = user1001.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:1001@127.0.0.1:"), invite.firstLine());
    }

    @Test
    void rejectRuleAnswersWithItsStatus() throws Exception {
        assertEquals(403, call("uac-expect.xml", "09001234").lastReceived().status());
    }

    @Test
    void redirectModeAnswers302WithTheBindingAddress() throws Exception {
        int kimPort = Ports.free();
        Sipp.Running kim = Sipp.start(dir.resolve("callee"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + portA, List.of("-i", "127.0.0.1", "-p", Integer.toString(kimPort), "-au", "kim",
                        "-ap", "pw-kim", "-key", "user", "kim", "-key", "domain", "a.test",
                        "-key", "contact", "Contact: <sip:kim@192.168.7.7:5060>", "-d", "3000"));
        a.awaitBindings("sip:kim@a.test", 1);
        SipTrace.Message answer = call("uac-expect.xml", "kim").lastReceived();
        assertEquals(302, answer.status());
        assertEquals(List.of("<sip:kim@127.0.0.1:" + kimPort + ";transport=udp>"), answer.contacts(),
                "the Contact is where the NAT binding is, not the private Contact");
        kim.await();
    }

    @Test
    void callCrossesTwoChainedGatewaysAfterFailingOverFromADeadPeer() throws Exception {
        Sipp.Running carl = callee(portB, "carl", "b.test", Ports.free());
        Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-call-auth.xml", "127.0.0.1:" + portA,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "carl",
                        "-key", "domain", "b.test", "-key", "caller", "alice", "-key", "caller_domain", "a.test",
                        "-au", "alice", "-ap", "pw-alice", "-d", "500"));
        assertEquals(0, caller.exitCode(), "alice@a.test reaches carl@b.test through both gateways, and hangs up");
        SipTrace.Message invite = carl.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        String recordRoutes = String.join(",", invite.headers("Record-Route"));
        assertTrue(recordRoutes.contains(":" + portA + ";") && recordRoutes.contains(":" + portB + ";"),
                "both gateways record-routed: " + recordRoutes);
    }

    @Test
    void aRouteBackToTheGatewayItselfIsALoopAnswered482() throws Exception {
        Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-expect-auth.xml", "127.0.0.1:" + portA,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "loopy",
                        "-key", "domain", "a.test", "-key", "caller", "alice", "-key", "caller_domain", "a.test",
                        "-au", "alice", "-ap", "pw-alice"));
        assertEquals(482, caller.lastReceived().status(),
                "detected on the first return by the branch hash, not after 70 hops by Max-Forwards");
    }
}
