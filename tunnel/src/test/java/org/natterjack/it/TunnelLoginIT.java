package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.tunnel.login.ChannelBinding;
import org.natterjack.tunnel.login.Fingerprint;
import org.natterjack.tunnel.login.LoginKey;
import org.natterjack.tunnel.login.Transcript;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameType;

/**
 * What the tunnel refuses, each with one log line and without disturbing other sessions: a wrong password, a TLS
 * middlebox, a replayed proof, broken frames, a second login, media on a channel never opened, silence.
 */
class TunnelLoginIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int tunnelPort;
    static String fingerprint;
    static ChannelBinding binding;

    @BeforeAll
    static void startGateway() throws Exception {
        tunnelPort = Ports.free();
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "alice", "--password", "pw-alice");
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "dora", "--password", "pw-dora",
                "--tunnel", "deny");
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                auth:
                  failure-limit: 1000
                plugins:
                  tunnel:
                    enabled: true
                    listen: 127.0.0.1:%d
                """.formatted(tunnelPort), List.of(), "--listen", "127.0.0.1:" + Ports.free());
        X509Certificate cert = certificate(gateway);
        binding = ChannelBinding.serverEndPoint(cert);
        fingerprint = Fingerprint.of(cert).toString();
    }

    /** The certificate the gateway's tunnel generated on its first start. */
    private static X509Certificate certificate(GatewayProcess gateway) throws Exception {
        try (InputStream in = Files.newInputStream(gateway.dataDir().resolve("tunnel/certificate.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static AgentProcess agent(String name, String password, int port, String pin) throws Exception {
        return AgentProcess.start(dir.resolve(name), List.of(), "--gateway", "127.0.0.1:" + port, "--user", "alice",
                "--password", password, "--domain", "127.0.0.1", "--listen", "127.0.0.1:" + Ports.free(),
                "--fingerprint", pin);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        try (AgentProcess agent = agent("wrong-password", "not-alices", tunnelPort, fingerprint)) {
            agent.awaitLog("the gateway refused the login: wrong credentials", 20);
            assertFalse(agent.log().contains("open as alice"));
        }
        assertTrue(gateway.log().contains("closed: wrong proof for alice"), gateway.log());
    }

    @Test
    void aUserTheOperatorDeniedTheTunnelIsRefusedAfterProvingItself() throws Exception {
        try (AgentProcess denied = AgentProcess.start(dir.resolve("dora"), List.of(), "--gateway",
                "127.0.0.1:" + tunnelPort, "--user", "dora", "--password", "pw-dora", "--domain", "127.0.0.1",
                "--listen", "127.0.0.1:" + Ports.free(), "--fingerprint", fingerprint)) {
            denied.awaitLog("the gateway refused the login: not allowed to tunnel", 20);
        }
        assertTrue(gateway.log().contains("dora is not allowed to tunnel"), gateway.log());
    }

    @Test
    void aTlsMiddleboxCannotLogInEvenWhenTheAgentTrustsIt() throws Exception {
        try (TlsMiddlebox box = new TlsMiddlebox(dir.resolve("box"), tunnelPort)) {
            try (AgentProcess fooled = agent("fooled", "pw-alice", box.port(), box.fingerprint())) {
                fooled.awaitLog("the gateway refused the login", 20);
                assertFalse(fooled.log().contains("open as alice"),
                        "the proofs cover the certificate each end saw, and the two differ");
            }
            try (AgentProcess pinned = agent("pinned", "pw-alice", box.port(), fingerprint)) {
                pinned.awaitLog("is not the pinned", 20);
                assertFalse(pinned.log().contains("open as alice"));
            }
        }
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        String nonce = LoginKey.nonce();
        String proof;
        try (RawTunnelClient first = RawTunnelClient.connect(tunnelPort)) {
            first.send(hello(nonce));
            ControlMessage challenge = first.control();
            proof = LoginKey.ofPassword("alice", challenge.require("realm"), "pw-alice").clientProof(
                    new Transcript("alice", "127.0.0.1", challenge.require("realm"), nonce,
                            challenge.require("nonce"), binding));
            first.send(ControlMessage.of("proof", "proof", proof));
            assertEquals("welcome", first.control().verb(), "the genuine proof logs in");
        }
        try (RawTunnelClient replay = RawTunnelClient.connect(tunnelPort)) {
            replay.send(hello(nonce));
            assertEquals("challenge", replay.control().verb());
            replay.send(ControlMessage.of("proof", "proof", proof));

            assertEquals("refused", replay.control().verb(), "a fresh server nonce makes the old proof worthless");
            assertTrue(replay.closedWithin(5));
        }
    }

    @Test
    void brokenFramesSecondLoginsStrayMediaAndSilenceCloseOnlyTheirOwnConnection() throws Exception {
        try (RawTunnelClient good = RawTunnelClient.connect(tunnelPort);
             RawTunnelClient broken = RawTunnelClient.connect(tunnelPort);
             RawTunnelClient unknownType = RawTunnelClient.connect(tunnelPort);
             RawTunnelClient silent = RawTunnelClient.connect(tunnelPort);
             RawTunnelClient twice = RawTunnelClient.connect(tunnelPort);
             RawTunnelClient stray = RawTunnelClient.connect(tunnelPort)) {
            assertTrue(login(good));
            assertTrue(login(twice));
            assertTrue(login(stray));

            broken.send(new byte[] {1, 0});
            unknownType.send(new byte[] {9, 0, 0, 0, 'x'});
            twice.send(hello(LoginKey.nonce()));
            stray.send(Frame.media(FrameType.RTP, 7, new byte[12]).encode());

            assertTrue(broken.closedWithin(5), "a frame without a whole header");
            assertTrue(unknownType.closedWithin(5), "an unknown frame type");
            assertTrue(twice.closedWithin(5), "a second login on a session");
            assertTrue(stray.closedWithin(5), "media for a channel not opened");
            assertTrue(silent.closedWithin(10), "no login within 5 s");
            good.send(ControlMessage.of("ping", "seq", "1"));
            assertEquals("pong", good.control().verb(), "the other session goes on");
        }
        String log = gateway.log();
        for (String reason : List.of("has no header", "unknown frame type 9", "'hello' in an open session",
                "media for channel 7", "not logged in within 5 s")) {
            assertEquals(1, log.lines().filter(l -> l.contains(reason)).count(), "one line for " + reason + "\n" + log);
        }
    }

    @Test
    void failedLoginsFeedTheSourceThrottleOfSipAuthentication() throws Exception {
        int port = Ports.free();
        GatewayProcess.runOk(dir.resolve("throttled/data"), "user", "add", "alice", "--password", "pw-alice");
        try (GatewayProcess throttled = GatewayProcess.start(dir.resolve("throttled"), """
                auth:
                  failure-limit: 2
                plugins:
                  tunnel:
                    enabled: true
                    listen: 127.0.0.1:%d
                """.formatted(port), List.of(), "--listen", "127.0.0.1:" + Ports.free())) {
            String pin = Fingerprint.of(certificate(throttled)).toString();
            try (AgentProcess guessing = agent("guessing", "guess", port, pin)) {
                guessing.awaitLog("the gateway refused the login", 20);
                for (int i = 0; i < 100 && !throttled.log().contains("Blocking 127.0.0.1"); i++) {
                    Thread.sleep(100);
                }
            }
            try (AgentProcess rightful = agent("rightful", "pw-alice", port, pin)) {
                for (int i = 0; i < 100 && !throttled.log().contains("too many failed logins"); i++) {
                    Thread.sleep(100);
                }
                assertFalse(rightful.log().contains("open as alice"), rightful.log());
            }
            assertTrue(throttled.log().contains("Blocking 127.0.0.1"), throttled.log());
            assertTrue(throttled.log().contains("closed: too many failed logins from 127.0.0.1"), throttled.log());
        }
    }

    private static boolean login(RawTunnelClient client) throws Exception {
        String nonce = LoginKey.nonce();
        client.send(hello(nonce));
        ControlMessage challenge = client.control();
        client.send(ControlMessage.of("proof", "proof", LoginKey.ofPassword("alice", challenge.require("realm"),
                "pw-alice").clientProof(new Transcript("alice", "127.0.0.1", challenge.require("realm"), nonce,
                challenge.require("nonce"), binding))));
        return "welcome".equals(client.control().verb());
    }

    private static ControlMessage hello(String nonce) {
        return ControlMessage.of("hello", "version", "1", "user", "alice", "domain", "127.0.0.1", "nonce", nonce,
                "binding", ChannelBinding.SERVER_END_POINT);
    }
}
