package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.TestCallAction;

/**
 * SIP user to PSTN through a real Asterisk: alice dials 0301234567; the rule strips nothing and sends it to
 * trunk {@code lab}; the gateway forwards to Asterisk as {@code lab-0301234567}; the dialplan dials the far
 * end (sipp standing in for the exchange). RTP flows both ways through Asterisk; either side hangs up; the
 * AMI call model saw the call start and end with cause 16. A congested trunk fails over to the next.
 */
class OutboundCallAsteriskIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PstnLab lab;
    static int farEndPort;
    static int congestedPort;

    @BeforeAll
    static void start() throws Exception {
        lab = PstnLab.create(dir, "outbound");
        farEndPort = Ports.free();
        congestedPort = Ports.free();
        lab.cli("user", "add", "alice", "--password", "pw-alice", "--domain", PstnLab.DOMAIN);
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":" + farEndPort);
        lab.cli("trunk", "add", "busy", "--type", "sip-peer", "--peer", "127.0.0.4:" + congestedPort,
                "--failover", "lab");
        lab.cli("trunk", "add", "city", "--type", "dahdi", "--group", "1", "--failover", "lab");
        lab.cli("span", "add", "1", "--trunk", "city", "--type", "e1");
        lab.cli("route", "add", "--prefix", "0", "--to", "trunk:lab");
        lab.cli("route", "add", "--prefix", "7", "--strip", "1", "--to", "trunk:busy");
        lab.cli("route", "add", "--prefix", "8", "--strip", "1", "--to", "trunk:city");
        lab.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    /** Counts RTP packets arriving at a socket of the test, on a thread, for a call's duration. */
    static final class RtpCounter implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicInteger packets = new AtomicInteger();
        private final Thread thread;

        RtpCounter(String address) throws Exception {
            socket = new DatagramSocket(0, InetAddress.getByName(address));
            socket.setSoTimeout(200);
            thread = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                        socket.receive(p);
                        if (p.getLength() > 12 && (buffer[1] & 0x7f) == 8) {
                            packets.incrementAndGet(); // RTP with payload type 8, PCMA
                        }
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Sipp.Running farEnd(String scenario, int rtpPort) throws Exception {
        return Sipp.start(dir.resolve("pstn"), List.of(), scenario, PstnLab.PSTN + ":" + farEndPort,
                List.of("-i", PstnLab.PSTN, "-p", Integer.toString(farEndPort), "-mp", Integer.toString(Ports.free()),
                        "-key", "rtp_port", Integer.toString(rtpPort)));
    }

    private static List<String> alice(String callee) throws Exception {
        return List.of("-i", PstnLab.PHONES, "-p", Integer.toString(Ports.free()), "-key", "callee", callee,
                "-key", "domain", PstnLab.DOMAIN, "-key", "caller", "alice", "-key", "caller_domain", PstnLab.DOMAIN,
                "-au", "alice", "-ap", "pw-alice");
    }

    @Test
    void userCallsThePstnTalksAndHangsUp() throws Exception {
        try (RtpCounter caller = new RtpCounter(PstnLab.PHONES); RtpCounter pstn = new RtpCounter(PstnLab.PSTN)) {
            Sipp.Running farEnd = farEnd("uas-pstn-answer.xml", pstn.port());
            List<String> args = new java.util.ArrayList<>(alice("0301234567"));
            args.addAll(List.of("-mp", Integer.toString(Ports.free()), "-key", "rtp_port",
                    Integer.toString(caller.port()), "-d", "3000"));
            Sipp.Result call = Sipp.run(dir.resolve("alice"), List.of(), "uac-call-auth-rtp.xml",
                    "127.0.0.1:" + lab.gatewayPort, args);
            assertEquals(0, call.exitCode(), "alice's call is answered and hung up: " + lab.gateway.log());
            Sipp.Result far = farEnd.await();
            assertEquals(0, far.exitCode(), "the far end got the call and alice's BYE");
            SipTrace.Message invite = far.trace().received().stream().filter(m -> m.isRequest("INVITE"))
                    .findFirst().orElseThrow();
            assertTrue(invite.firstLine().startsWith("INVITE sip:0301234567@"), invite.firstLine());
            assertTrue(pstn.packets.get() > 20, "alice's voice reached the far end: " + pstn.packets.get());
            assertTrue(caller.packets.get() > 20, "the far end's voice reached alice: " + caller.packets.get());
        }
        lab.awaitLog("started: OUTBOUND trunk lab number 0301234567", 1);
        lab.awaitLog("ended: cause 16 (Normal Clearing), OUTBOUND trunk lab number 0301234567", 1);
    }

    @Test
    void thePstnSideHangsUp() throws Exception {
        Sipp.Running farEnd = farEnd("uas-pstn-answer-hangup.xml", 40000);
        Sipp.Result call = Sipp.run(dir.resolve("alice"), List.of(), "uac-call-auth-callee-hangs-up.xml",
                "127.0.0.1:" + lab.gatewayPort, alice("0307654321"));
        assertEquals(0, call.exitCode(), "alice gets the far end's BYE through Asterisk and the gateway");
        assertEquals(0, farEnd.await().exitCode());
        lab.awaitLog("ended: cause 16 (Normal Clearing), OUTBOUND trunk lab number 0307654321", 1);
        assertEquals("16 CALLEE 200", lab.callRecord("0307654321"),
                "the call's record: Asterisk's BYE carries Reason: Q.850;cause=16 (RFC 3326)");
    }

    @Test
    void aCongestedTrunkFailsOverInAsterisk() throws Exception {
        Sipp.Running congested = Sipp.start(dir.resolve("busy"), List.of(), "uas-congested.xml",
                "127.0.0.4:" + congestedPort, List.of("-i", "127.0.0.4", "-p", Integer.toString(congestedPort)));
        Sipp.Running farEnd = farEnd("uas-pstn-answer.xml", 40002);
        Sipp.Result call = Sipp.run(dir.resolve("alice"), List.of(), "uac-call-auth.xml",
                "127.0.0.1:" + lab.gatewayPort, alice("70301112"));
        assertEquals(0, call.exitCode(), "503 on trunk busy (cause 34): Asterisk dials trunk lab instead");
        assertEquals(0, congested.await().exitCode());
        assertEquals(0, farEnd.await().exitCode());
        lab.awaitLog("ended: cause 16 (Normal Clearing), OUTBOUND trunk lab number 0301112", 1);
    }

    @Test
    void aTestCallOfTheAdminApiGoesOutThroughTheGeneratedDialplan() throws Exception {
        Sipp.Running farEnd = farEnd("uas-pstn-answer.xml", 40006);
        try (AmiLink ami = lab.amiClient()) {
            ami.send(TestCallAction.of("lab", "0305550", 20));
            Sipp.Result far = farEnd.await();
            assertEquals(0, far.exitCode(), "answered, and hung up by the test call after its silence");
            assertTrue(far.trace().received().get(0).firstLine().startsWith("INVITE sip:0305550@"));
        }
    }

    @Test
    void aTrunkWithoutHardwareFailsOverInTheGateway() throws Exception {
        lab.awaitLog("DAHDI: no DAHDI hardware", 1);
        Sipp.Running farEnd = farEnd("uas-pstn-answer.xml", 40004);
        Sipp.Result call = Sipp.run(dir.resolve("alice"), List.of(), "uac-call-auth.xml",
                "127.0.0.1:" + lab.gatewayPort, alice("80309999"));
        assertEquals(0, call.exitCode(), "city has no span up: the call goes out on its failover trunk lab");
        SipTrace.Message invite = farEnd.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:0309999@"), invite.firstLine());
    }
}
