package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PSTN call to a user behind NAT, in the namespace lab of the NAT tests: the gateway, Asterisk and the
 * exchange's stand-in share the public host (Asterisk reaches the gateway on that host's loopback), the user
 * registers from a client network behind a masquerading router. The DID routed by FastAGI reaches the user
 * over its NAT binding, never at its private Contact; the user answers, and the media relay carries the RTP
 * between Asterisk and the user's NAT binding (the user's SDP names its private address); the exchange hangs up.
 */
class InboundCallNatAsteriskIT {

    private static final String GATEWAY = "203.0.113.10";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static Topology network;
    static PstnLab lab;

    @BeforeAll
    static void start() throws Exception {
        AsteriskChroot.get(); // skips without root, before any namespace is built
        network = Topology.up("pn" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 30, 1);
        lab = PstnLab.create(dir, "nat", network.netns("pub"));
        lab.cli("user", "add", "555", "--password", "pw-555", "--domain", PstnLab.DOMAIN);
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":5062");
        lab.cli("route", "add", "--prefix", "4930", "--strip", "4", "--to", "user:*");
        lab.start(GATEWAY + ":5060");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            if (network != null) {
                network.down();
            }
        }
    }

    @Test
    void aDidReachesAUserBehindNatAndTheyTalkThroughTheRelay() throws Exception {
        Sipp.Running phone = Sipp.start(dir.resolve("phone"), network.netns("cli"), "register-and-wait.xml",
                GATEWAY + ":5060", List.of("-i", "10.0.0.2", "-p", "5060", "-au", "555", "-ap", "pw-555",
                        "-key", "user", "555", "-key", "domain", PstnLab.DOMAIN,
                        "-key", "contact", "Contact: <sip:555@10.0.0.2:5060>",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer-media.xml").toString(), "-mp", "6000",
                        "-d", "14000"));
        lab.gateway.awaitBindings("sip:555@" + PstnLab.DOMAIN, 1);

        String asterisk = "127.0.0.1:" + lab.asteriskPort;
        Sipp.Result call = Sipp.run(dir.resolve("pstn"), network.netns("pub"), "uac-pstn-call-rtp.xml", asterisk,
                List.of("-i", PstnLab.PSTN, "-p", "5062", "-mp", "6200", "-key", "callee", "4930555",
                        "-key", "domain", asterisk, "-key", "caller", "0301234", "-key", "caller_domain", PstnLab.PSTN,
                        "-key", "rtp_port", "6300", "-d", "6000"));
        assertEquals(0, call.exitCode(), "the user behind NAT answered: " + lab.gateway.log());

        SipTrace.Message invite = phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:555@10.0.0.2:5060"), invite.firstLine());
        assertEquals(0, network.counter("rtr", "refused inbound"), "everything reached the user over its binding");
        lab.awaitLog("ended: cause 16 (Normal Clearing), INBOUND trunk lab number 4930555", 1);
        lab.awaitLog("media relay closed", 1);
        String summary = lab.gateway.log().lines().filter(l -> l.contains("media relay closed")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("caller sent (\\d+) got (\\d+) pkts from /127\\.0\\.0\\.1:\\d+.*"
                + "callee sent (\\d+) got (\\d+) pkts from /203\\.0\\.113\\.1:\\d+").matcher(summary);
        assertTrue(m.find(), "Asterisk on loopback, the user latched at its NAT's public side: " + summary);
        for (int group = 1; group <= 4; group++) {
            assertTrue(Long.parseLong(m.group(group)) >= 100, "RTP both ways, PSTN and user: " + summary);
        }
    }
}
