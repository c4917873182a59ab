package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls through the stateful proxy between real sipp user agents: the callees register (with digest
 * authentication) and answer, ring or refuse through their out-of-call scenario; the callers follow the
 * route set the Record-Route gave them, so every in-dialog request traverses the proxy.
 */
class ProxySippIT {

    private static final String CONFIG = """
            proxy:
              timer-c-seconds: 4
            nat:
              keepalive-seconds: 0
            """;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        for (String user : List.of("bob", "carol", "dave", "erin", "frank", "gina", "henry", "ivy", "jack", "kate")) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), CONFIG, List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    /** A registered callee answering calls with {@code uasScenario}; online for {@code seconds}. */
    private static Sipp.Running callee(String user, String uasScenario, int seconds, int expectedBindings)
            throws Exception {
        int sipPort = Ports.free();
        Sipp.Running running = Sipp.start(dir.resolve("callee"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + port, List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                        "-au", user, "-ap", "pw-" + user, "-key", "user", user, "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + sipPort + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve(uasScenario).toString(),
                        "-d", Integer.toString(seconds * 1000)));
        gateway.awaitBindings("sip:" + user + "@127.0.0.1", expectedBindings);
        return running;
    }

    private static Sipp.Result call(String scenario, String callee, String... extra) throws Exception {
        return callTo(scenario, callee, "127.0.0.1", extra);
    }

    private static Sipp.Result callTo(String scenario, String callee, String domain, String... extra)
            throws Exception {
        // sipp takes the first value given for a key, so the test's own keys go first.
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                "-key", "callee", callee, "-key", "domain", domain, "-key", "caller", "zoe",
                "-key", "caller_domain", "198.51.100.7", "-d", "500"));
        return Sipp.run(dir.resolve("caller"), List.of(), scenario, "127.0.0.1:" + port, args);
    }

    private static List<SipTrace.Message> requests(Sipp.Result ua, String method) {
        return ua.trace().received().stream().filter(m -> m.isRequest(method)).toList();
    }

    @Test
    void basicCallIsSetUpAndTornDownThroughTheProxy() throws Exception {
        Sipp.Running bob = callee("bob", "uas-answer.xml", 8, 1);
        Sipp.Result caller = call("uac-call.xml", "bob");
        assertEquals(0, caller.exitCode(), "INVITE answered 200, BYE answered 200");

        Sipp.Result callee = bob.await();
        SipTrace.Message invite = requests(callee, "INVITE").get(0);
        assertEquals(2, invite.headers("Record-Route").get(0).split(",").length, "double Record-Route");
        assertEquals(1, requests(callee, "ACK").size(), "the ACK for the 2xx came through the proxy");
        SipTrace.Message bye = requests(callee, "BYE").get(0);
        assertTrue(bye.headers("Via").size() >= 2 || bye.headers("Via").get(0).contains(","),
                "the BYE carries the proxy's Via: it was proxied, not sent directly");
    }

    @Test
    void reInviteFollowsTheRouteSet() throws Exception {
        Sipp.Running bob = callee("gina", "uas-answer.xml", 8, 1);
        Sipp.Result caller = call("uac-reinvite.xml", "gina");
        assertEquals(0, caller.exitCode());
        assertEquals(2, requests(bob.await(), "INVITE").size(), "initial INVITE and re-INVITE");
    }

    @Test
    void callerCancelsWhileItRings() throws Exception {
        Sipp.Running dave = callee("dave", "uas-ring.xml", 6, 1);
        Sipp.Result caller = call("uac-cancel.xml", "dave");
        assertEquals(0, caller.exitCode(), "200 for the CANCEL and 487 for the INVITE");
        assertEquals(1, requests(dave.await(), "CANCEL").size(), "the CANCEL reached the callee");
    }

    @Test
    void busyCalleeGives486() throws Exception {
        Sipp.Running carol = callee("carol", "uas-busy.xml", 5, 1);
        assertEquals(486, call("uac-expect.xml", "carol").lastReceived().status());
        assertEquals(1, requests(carol.await(), "ACK").size(), "the proxy acknowledged the 486 hop by hop");
    }

    @Test
    void unansweredCallEndsWith408WhenTimerCFires() throws Exception {
        Sipp.Running erin = callee("erin", "uas-ring.xml", 9, 1);
        assertEquals(408, call("uac-expect.xml", "erin").lastReceived().status());
        assertEquals(1, requests(erin.await(), "CANCEL").size(), "the proxy cancelled the ringing branch");
    }

    @Test
    void forkedCallGoesToTheFirstAnswerAndTheOtherBranchIsCancelled() throws Exception {
        Sipp.Running ringing = callee("frank", "uas-ring.xml", 8, 1);
        Sipp.Running answering = callee("frank", "uas-answer.xml", 8, 2);
        Sipp.Result caller = call("uac-call.xml", "frank");
        assertEquals(0, caller.exitCode());
        assertEquals(1, requests(ringing.await(), "CANCEL").size(), "the ringing branch was cancelled");
        assertEquals(1, requests(answering.await(), "BYE").size(), "the call went on with the answering branch");
    }

    @Test
    void unknownUserGets404WhenTheCallerIsALocalUser() throws Exception {
        assertEquals(404, callTo("uac-expect-auth.xml", "nobody", "127.0.0.1", "-key", "caller", "ivy",
                "-key", "caller_domain", "127.0.0.1", "-au", "ivy", "-ap", "pw-ivy").lastReceived().status());
    }

    @Test
    void unknownUserGets480LikeAnUnregisteredOneWhenTheCallerIsOutside() throws Exception {
        assertEquals(480, call("uac-expect.xml", "nobody").lastReceived().status());
    }

    @Test
    void knownUserWithoutRegistrationGets480() throws Exception {
        assertEquals(480, call("uac-expect.xml", "henry").lastReceived().status());
    }

    @Test
    void localUserAuthenticatesWithProxyAuthorization() throws Exception {
        Sipp.Running jack = callee("jack", "uas-answer.xml", 8, 1);
        Sipp.Result caller = callTo("uac-call-auth.xml", "jack", "127.0.0.1", "-key", "caller", "ivy",
                "-key", "caller_domain", "127.0.0.1", "-au", "ivy", "-ap", "pw-ivy");
        assertEquals(0, caller.exitCode(), "407, then the authenticated INVITE is answered and the call ends");
        List<SipTrace.Message> invites = requests(jack.await(), "INVITE");
        assertEquals(1, invites.size(), "only the authenticated INVITE was forwarded");
        assertEquals(List.of(), invites.get(0).headers("Proxy-Authorization"), "the gateway consumes its credentials");
    }

    @Test
    void callerClaimingALocalUserWithoutCredentialsGets407() throws Exception {
        SipTrace.Message answer = callTo("uac-expect.xml", "henry", "127.0.0.1", "-key", "caller", "ivy",
                "-key", "caller_domain", "127.0.0.1").lastReceived();
        assertEquals(407, answer.status());
        assertTrue(answer.headers("Proxy-Authenticate").get(0).startsWith("Digest realm=\"natterjack\""),
                answer.text());
    }

    @Test
    void unauthenticatedCallToAnOutsideNumberIsChallengedNotRelayed() throws Exception {
        SipTrace.Message answer = callTo("uac-expect.xml", "0049301234567", "pstn.example.org", "-key", "caller",
                "ivy", "-key", "caller_domain", "127.0.0.1").lastReceived();
        assertEquals(407, answer.status());
    }

    @Test
    void callToAForeignDomainIsNotRelayed() throws Exception {
        SipTrace.Message answer = callTo("uac-expect.xml", "someone", "example.org").lastReceived();
        assertEquals(403, answer.status());
    }

    @Test
    void callInProgressSurvivesABurstOfGarbageOnTheSamePort() throws Exception {
        Sipp.Running kate = callee("kate", "uas-answer.xml", 10, 1);
        // The caller holds for 3 s; garbage flies at the gateway's port from set-up to BYE.
        Sipp.Running caller = Sipp.start(dir.resolve("caller"), List.of(), "uac-call.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "kate",
                        "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7",
                        "-d", "3000"));
        Random random = new Random(4475);
        int sent = 0;
        try (DatagramSocket garbage = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
            for (int round = 0; round < 1000 && caller.process().isAlive(); round++) {
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[1 + random.nextInt(1400)];
                    random.nextBytes(junk);
                    garbage.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port));
                    sent++;
                }
                Thread.sleep(10);
            }
        }
        assertTrue(sent >= 200, "garbage was sent while the call ran: " + sent);
        assertEquals(0, caller.await().exitCode(), "the call set up, held and hung up through the garbage");
        assertEquals(1, requests(kate.await(), "BYE").size(), "the BYE reached the callee");
        assertTrue(gateway.isAlive());
    }
}
