package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls across real NATs: two client networks, each behind its own masquerading router and both using
 * 10.0.0.2, and a public network with the gateway and a public user agent (src/test/nat/topology.sh).
 * Every call must be set up and torn down from either side, and the gateway's host must never send a
 * packet to a private address.
 */
class ProxyNatIT {

    private static final String GATEWAY = "203.0.113.10";

    @TempDir
    static Path dir;
    static Topology network;
    static GatewayProcess gateway;
    /** A second gateway on port 5070 that rewrites NATed Contacts (nat.rewrite-contact). */
    static GatewayProcess rewriting;

    @BeforeAll
    static void buildNetworkAndGateway() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "ProxyNatIT needs root to create network namespaces; skipped");
        network = Topology.up("nx" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 30, 2);
        for (String user : List.of("alice", "bob", "pat")) {
            assertEquals(0, GatewayProcess.run(List.of(), "user", "add", user, "--password", "pw-" + user,
                    "--data-dir", dir.resolve("gw/data").toString()).exitCode());
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), "nat:\n  keepalive-seconds: 5\n", netns("pub"),
                "--listen", GATEWAY + ":5060");
        for (String user : List.of("alice", "pat")) {
            assertEquals(0, GatewayProcess.run(List.of(), "user", "add", user, "--password", "pw-" + user,
                    "--data-dir", dir.resolve("gw2/data").toString()).exitCode());
        }
        rewriting = GatewayProcess.start(dir.resolve("gw2"), "nat:\n  keepalive-seconds: 0\n  rewrite-contact: true\n",
                netns("pub"), "--listen", GATEWAY + ":5070");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (rewriting != null) {
            rewriting.close();
        }
        if (network != null) {
            network.down();
        }
    }

    /** A user agent registered from {@code ns} at {@code ip}:{@code port}, answering calls with {@code uas}. */
    private static Sipp.Running callee(String ns, String ip, int port, String user, String uas) throws Exception {
        return callee(gateway, 5060, ns, ip, port, user, uas);
    }

    private static Sipp.Running callee(GatewayProcess gw, int gwPort, String ns, String ip, int port, String user,
                                       String uas, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", ip, "-p", Integer.toString(port), "-au", user,
                "-ap", "pw-" + user, "-key", "user", user, "-key", "domain", GATEWAY,
                "-key", "contact", "Contact: <sip:" + user + "@" + ip + ":" + port + ">",
                "-oocsf", Sipp.SCENARIOS.resolve(uas).toString(), "-d", "9000"));
        args.addAll(List.of(extra)); // sipp takes the last -d given
        Sipp.Running running = Sipp.start(dir.resolve(user), netns(ns), "register-and-wait.xml", GATEWAY + ":" + gwPort,
                args);
        gw.awaitBindings("sip:" + user + "@" + GATEWAY, 1);
        return running;
    }

    /** {@code caller}, a local user, calls {@code callee} from {@code ns}, authenticating when challenged. */
    private static Sipp.Result call(String ns, String ip, String scenario, String caller, String callee)
            throws Exception {
        return call(5060, ns, ip, scenario, caller, callee);
    }

    private static Sipp.Result call(int gwPort, String ns, String ip, String scenario, String caller, String callee)
            throws Exception {
        return Sipp.run(dir.resolve("caller"), netns(ns), scenario, GATEWAY + ":" + gwPort,
                List.of("-i", ip, "-p", "5062", "-key", "callee", callee, "-key", "domain", GATEWAY,
                        "-key", "caller", caller, "-key", "caller_domain", GATEWAY, "-au", caller,
                        "-ap", "pw-" + caller, "-d", "500"));
    }

    private static long requests(Sipp.Result ua, String method) {
        return ua.trace().received().stream().filter(m -> m.isRequest(method)).count();
    }

    @Test
    void callsCrossTheNatsInEveryDirection() throws Exception {
        Sipp.Running alice = callee("cli", "10.0.0.2", 5060, "alice", "uas-answer.xml");
        Sipp.Running bob = callee("cli2", "10.0.0.2", 5060, "bob", "uas-answer-hangup.xml");
        Sipp.Running pat = callee("pub", GATEWAY, 5080, "pat", "uas-answer.xml");
        assertEquals("203.0.113.1", gateway.bindings("sip:alice@" + GATEWAY).get(0).get("received_address"));
        assertEquals("203.0.113.2", gateway.bindings("sip:bob@" + GATEWAY).get(0).get("received_address"));

        Sipp.Result publicToNated = call("pub", GATEWAY, "uac-call-auth.xml", "pat", "alice");
        assertEquals(0, publicToNated.exitCode(), "public UA calls alice behind NAT A; its BYE reaches her");

        Sipp.Result natedToPublic = call("cli", "10.0.0.2", "uac-call-auth.xml", "alice", "pat");
        assertEquals(0, natedToPublic.exitCode(), "alice's network calls the public UA");

        Sipp.Result natToNat = call("cli", "10.0.0.2", "uac-call-auth-callee-hangs-up.xml", "alice", "bob");
        assertEquals(0, natToNat.exitCode(), "NAT A calls bob behind NAT B; bob's BYE reaches the caller");

        assertEquals(2, requests(alice.await(), "BYE") + requests(pat.await(), "BYE"),
                "the callers' BYEs reached alice and the public UA");
        assertEquals(1, requests(bob.await(), "ACK"), "bob's 200 was acknowledged through both NATs");
        assertEquals(0, network.counter("pub", "to a private address"),
                "no packet left the public side for a private address");
    }

    @Test
    void rewriteContactShowsTheNatsPublicSideToTheOtherParty() throws Exception {
        Sipp.Running alice = callee(rewriting, 5070, "cli", "10.0.0.2", 5064, "alice", "uas-answer.xml");
        Sipp.Result patCalls = call(5070, "pub", GATEWAY, "uac-call-auth.xml", "pat", "alice");
        assertEquals(0, patCalls.exitCode(), "pat calls alice behind NAT A through the rewriting gateway");
        SipTrace.Message answer = patCalls.trace().received().stream().filter(m -> m.status() == 200)
                .findFirst().orElseThrow();
        assertEquals(1, answer.contacts().size());
        assertTrue(answer.contacts().get(0).contains("@203.0.113.1:"),
                "alice's 200 names her NAT's public address, not 10.0.0.2: " + answer.contacts());
        alice.await();

        Sipp.Running pat = callee(rewriting, 5070, "pub", GATEWAY, 5082, "pat", "uas-answer.xml");
        assertEquals(0, call(5070, "cli", "10.0.0.2", "uac-call-auth.xml", "alice", "pat").exitCode());
        SipTrace.Message invite = pat.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.contacts().get(0).contains("@203.0.113.1:"),
                "alice's INVITE names her NAT's public address: " + invite.contacts());
    }

    @Test
    void mediaCrossesBothNatsThroughTheRelayAndInjectedPacketsAreDropped() throws Exception {
        Sipp.Running bob = callee(gateway, 5060, "cli2", "10.0.0.2", 5060, "bob", "uas-answer-media.xml",
                "-mp", "6000", "-d", "14000");
        Sipp.Running zoe = Sipp.start(dir.resolve("zoe"), netns("cli"), "uac-call-media.xml", GATEWAY + ":5060",
                List.of("-i", "10.0.0.2", "-p", "5066", "-mp", "6100", "-key", "callee", "bob", "-key", "domain", GATEWAY,
                        "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7", "-d", "8000"));
        String relayPort = awaitOfferedMediaPort(bob);
        network.addAddress("pub", "203.0.113.66/24", "br0");
        List<String> injector = new ArrayList<>(netns("pub"));
        injector.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "src/test/nat/RtpInject.java", "203.0.113.66", GATEWAY, relayPort, "50"));
        Process inject = new ProcessBuilder(injector).inheritIO().start();
        assertTrue(inject.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && inject.exitValue() == 0,
                "the injector ran");

        Sipp.Result caller = zoe.await();
        assertEquals(0, caller.exitCode(), () -> "NAT A called NAT B, with media, and hung up: " + caller.screen());
        String answerMedia = caller.trace().received().stream().filter(msg -> msg.status() == 200)
                .flatMap(msg -> msg.linesStartingWith("c=").stream()).findFirst().orElse("none");
        assertEquals("c=IN IP4 " + GATEWAY, answerMedia, "the caller was told to send to the relay");
        bob.await();
        String summary = gateway.log().lines().filter(l -> l.contains("media relay closed")).reduce((a, b) -> b)
                .orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "caller sent (\\d+) got (\\d+) pkts from /203\\.0\\.113\\.1:\\d+.*"
                + "callee sent (\\d+) got \\d+ pkts from /203\\.0\\.113\\.2:\\d+, dropped (\\d+) foreign")
                .matcher(summary);
        assertTrue(m.find(), "both parties latched at their NAT's public side: " + summary);
        assertTrue(Long.parseLong(m.group(1)) >= 200 && Long.parseLong(m.group(3)) >= 200
                        && Long.parseLong(m.group(2)) >= 200,
                "RTP both ways although both SDPs said 10.0.0.2: " + summary);
        assertTrue(Long.parseLong(m.group(4)) >= 50, "the injected packets were dropped: " + summary);
        assertTrue(Long.parseLong(m.group(2)) <= Long.parseLong(m.group(3)),
                "the caller got nothing the callee did not send: " + summary);
        assertEquals(0, network.counter("pub", "to a private address"), "no media went to 10.0.0.2 either");
    }

    /** The relay port the callee was offered, read from its trace as soon as the INVITE arrived (bounded). */
    private static String awaitOfferedMediaPort(Sipp.Running callee) throws Exception {
        for (int i = 0; i < 100; i++) {
            var invite = callee.traceSoFar().received().stream().filter(msg -> msg.isRequest("INVITE")).findFirst();
            if (invite.isPresent()) {
                return invite.get().linesStartingWith("m=audio ").get(0).split(" ")[1];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the callee got no INVITE");
    }

    private static List<String> netns(String role) {
        return network.netns(role);
    }
}
