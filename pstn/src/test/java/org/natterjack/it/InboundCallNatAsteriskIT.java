package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PSTN call to a user behind NAT, in the namespace lab of the NAT tests: the gateway, Asterisk and the
 * exchange's stand-in share the public host (Asterisk reaches the gateway on that host's loopback), the user
 * registers from a client network behind a masquerading router. The DID routed by FastAGI reaches the user
 * over its NAT binding, never at its private Contact; the user answers and the exchange hangs up. (Media is
 * not checked here: the phone's private SDP address needs the media relay, which is not part of this lab.)
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
    void aDidReachesAUserBehindNat() throws Exception {
        Sipp.Running phone = Sipp.start(dir.resolve("phone"), network.netns("cli"), "register-and-wait.xml",
                GATEWAY + ":5060", List.of("-i", "10.0.0.2", "-p", "5060", "-au", "555", "-ap", "pw-555",
                        "-key", "user", "555", "-key", "domain", PstnLab.DOMAIN,
                        "-key", "contact", "Contact: <sip:555@10.0.0.2:5060>",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "8000"));
        lab.gateway.awaitBindings("sip:555@" + PstnLab.DOMAIN, 1);

        String asterisk = "127.0.0.1:" + lab.asteriskPort;
        Sipp.Result call = Sipp.run(dir.resolve("pstn"), network.netns("pub"), "uac-call.xml", asterisk,
                List.of("-i", PstnLab.PSTN, "-p", "5062", "-key", "callee", "4930555", "-key", "domain", asterisk,
                        "-key", "caller", "0301234", "-key", "caller_domain", PstnLab.PSTN, "-d", "1000"));
        assertEquals(0, call.exitCode(), "the user behind NAT answered: " + lab.gateway.log());

        SipTrace.Message invite = phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:555@10.0.0.2:5060"), invite.firstLine());
        assertEquals(0, network.counter("rtr", "refused inbound"), "everything reached the user over its binding");
        lab.awaitLog("ended: cause 16 (Normal Clearing), INBOUND trunk lab number 4930555", 1);
    }
}
