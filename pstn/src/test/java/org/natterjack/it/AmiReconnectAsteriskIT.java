package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asterisk dies mid-service: the adapter notices (the AMI link drops), calls to trunks get 503 at once with
 * the reason; Asterisk comes back, the adapter logs in again by itself and the next call goes through, all
 * without restarting the gateway.
 */
class AmiReconnectAsteriskIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PstnLab lab;
    static int farEndPort;

    @BeforeAll
    static void start() throws Exception {
        lab = PstnLab.create(dir, "reconnect");
        farEndPort = Ports.free();
        lab.cli("user", "add", "alice", "--password", "pw-alice", "--domain", PstnLab.DOMAIN);
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":" + farEndPort);
        lab.cli("route", "add", "--prefix", "0", "--to", "trunk:lab");
        lab.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static Sipp.Result aliceCalls(String scenario) throws Exception {
        return Sipp.run(dir.resolve("alice"), List.of(), scenario, "127.0.0.1:" + lab.gatewayPort,
                List.of("-i", PstnLab.PHONES, "-p", Integer.toString(Ports.free()), "-key", "callee", "0301234",
                        "-key", "domain", PstnLab.DOMAIN, "-key", "caller", "alice", "-key", "caller_domain",
                        PstnLab.DOMAIN, "-au", "alice", "-ap", "pw-alice", "-d", "500"));
    }

    private static Sipp.Result callAnswered() throws Exception {
        Sipp.Running farEnd = Sipp.start(dir.resolve("pstn"), List.of(), "uas-pstn-answer.xml",
                PstnLab.PSTN + ":" + farEndPort, List.of("-i", PstnLab.PSTN, "-p", Integer.toString(farEndPort),
                        "-mp", Integer.toString(Ports.free()), "-key", "rtp_port", "40010"));
        Sipp.Result call = aliceCalls("uac-call-auth.xml");
        assertEquals(0, farEnd.await().exitCode(), "the far end got the call");
        return call;
    }

    @Test
    void callsFailFastWhileAsteriskIsDownAndWorkAgainAfterItsRestart() throws Exception {
        assertEquals(0, callAnswered().exitCode(), "a call before the crash");

        lab.asterisk.kill();
        lab.awaitLog("is unreachable: connection lost", 1);
        long before = System.nanoTime();
        SipTrace.Message answer = aliceCalls("uac-expect-auth.xml").lastReceived();
        long millis = (System.nanoTime() - before) / 1_000_000;
        assertEquals(503, answer.status());
        assertTrue(answer.reason().contains("Trunk lab unavailable: Asterisk is not connected"), answer.reason());
        assertTrue(millis < 5000, "refused at once, not after a timeout: " + millis + " ms");

        lab.asterisk.start();
        lab.awaitLog("AMI: logged in", 2);
        assertEquals(0, callAnswered().exitCode(), "the next call after Asterisk's restart, same gateway process");
        assertTrue(lab.gateway.isAlive());
    }
}
