package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded media relay on loopback, with every call anchored ({@code relay.always-anchor}): sipp plays
 * real G.711 RTP from the caller and the callee echoes it (-rtp_echo), both through the relay ports the
 * rewritten SDP names; and a call whose media never flows is ended by the gateway after the media timeout.
 */
class MediaRelayIT {

    private static final int PORT_MIN = 21000;
    private static final int PORT_MAX = 21999;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        for (String user : List.of("bob", "carl", "dora")) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                relay:
                  always-anchor: true
                  media-timeout-seconds: 3
                  port-min: %d
                  port-max: %d
                """.formatted(PORT_MIN, PORT_MAX), List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static Sipp.Running callee(String user, int mediaPort, boolean echo, int seconds) throws Exception {
        int sipPort = Ports.free();
        List<String> args = new java.util.ArrayList<>(List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                "-mp", Integer.toString(mediaPort), "-au", user, "-ap", "pw-" + user, "-key", "user", user,
                "-key", "domain", "127.0.0.1", "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + sipPort + ">",
                "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", Integer.toString(seconds * 1000)));
        if (echo) {
            args.add("-rtp_echo");
        }
        Sipp.Running running = Sipp.start(dir.resolve(user), List.of(), "register-and-wait.xml", "127.0.0.1:" + port, args);
        gateway.awaitBindings("sip:" + user + "@127.0.0.1", 1);
        return running;
    }

    private static int mediaPort(SipTrace.Message message) {
        String m = message.linesStartingWith("m=audio ").get(0);
        return Integer.parseInt(m.split(" ")[1]);
    }

    @Test
    void rtpFlowsBothWaysThroughTheRelay() throws Exception {
        int calleeMedia = Ports.free();
        int callerMedia = Ports.free();
        Sipp.Running bob = callee("bob", calleeMedia, true, 14);
        Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-call-media.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-mp", Integer.toString(callerMedia),
                        "-key", "callee", "bob", "-key", "domain", "127.0.0.1", "-key", "caller", "zoe",
                        "-key", "caller_domain", "198.51.100.7", "-d", "8000"));
        assertEquals(0, caller.exitCode(), "call with media set up and hung up");

        SipTrace.Message invite = bob.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        int offered = mediaPort(invite);
        assertTrue(offered >= PORT_MIN && offered <= PORT_MAX, "the callee is offered a relay port: " + offered);
        assertTrue(invite.linesStartingWith("a=natterjack-relay").size() == 1, "marked as anchored");
        SipTrace.Message ok = caller.trace().received().stream().filter(m -> m.status() == 200).findFirst().orElseThrow();
        int answered = mediaPort(ok);
        assertTrue(answered >= PORT_MIN && answered <= PORT_MAX && answered != calleeMedia,
                "the caller gets a relay port, not the callee's: " + answered);

        String summary = awaitLogLine("media relay closed");
        Matcher sent = Pattern.compile("caller sent (\\d+) got \\d+ pkts from /127\\.0\\.0\\.1:" + callerMedia
                + ".*callee sent (\\d+) got \\d+ pkts from /127\\.0\\.0\\.1:" + calleeMedia).matcher(summary);
        assertTrue(sent.find(), "both parties latched at their real media ports: " + summary);
        assertTrue(Integer.parseInt(sent.group(1)) >= 200, "the caller's 236 packets went through: " + summary);
        assertTrue(Integer.parseInt(sent.group(2)) >= 200, "the callee's echo came back through: " + summary);
    }

    @Test
    void callWithoutMediaIsEndedAfterTheMediaTimeout() throws Exception {
        Sipp.Running carl = callee("carl", Ports.free(), false, 25);
        Sipp.Result dora = Sipp.run(dir.resolve("dora"), List.of(), "uac-call-auth-callee-hangs-up.xml",
                "127.0.0.1:" + port, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                        "-key", "callee", "carl", "-key", "domain", "127.0.0.1", "-key", "caller", "dora",
                        "-key", "caller_domain", "127.0.0.1", "-au", "dora", "-ap", "pw-dora"));
        assertEquals(0, dora.exitCode(), "the caller got a BYE from the network and answered it");
        SipTrace.Message byeToCaller = dora.trace().received().stream().filter(m -> m.isRequest("BYE"))
                .findFirst().orElseThrow();
        assertTrue(byeToCaller.headers("Reason").toString().contains("cause=408"), byeToCaller.text());
        SipTrace.Message byeToCallee = carl.await().trace().received().stream().filter(m -> m.isRequest("BYE"))
                .findFirst().orElseThrow();
        assertTrue(byeToCallee.text().contains("Media timeout"), byeToCallee.text());
        assertTrue(gateway.log().contains("no media for"), "the gateway says why it ended the call");
    }

    /** Waits (bounded: 10 s) for a log line containing {@code text} and returns it. */
    private static String awaitLogLine(String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            String match = gateway.log().lines().filter(l -> l.contains(text)).reduce((a, b) -> b).orElse(null);
            if (match != null) {
                return match;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line with '" + text + "' in " + gateway.log());
    }
}
