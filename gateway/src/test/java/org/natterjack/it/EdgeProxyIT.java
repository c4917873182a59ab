package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3327 with a real edge proxy: a phone registers through Kamailio, which records a Path naming itself and the
 * phone's source; the gateway stores it, gives it back in the 200 (the phone said Supported: path), and a call to the
 * phone goes along that Path. The phone's Contact is a private address nobody can reach, so only the edge's record of
 * the phone's source can deliver the call.
 */
class EdgeProxyIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static KamailioEdge edge;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = Ports.free();
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "bob", "--password", "pw-bob");
        gateway = GatewayProcess.start(dir.resolve("gw"), "", List.of(), "--listen", "127.0.0.1:" + port);
        edge = KamailioEdge.start(dir.resolve("edge"), port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        gateway.close();
    }

    /** Both logs, for a failure's message. */
    private static String logs() {
        try {
            return "\nedge:\n" + edge.log() + "\ngateway:\n" + gateway.log();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aPhoneRegisteredThroughAnEdgeProxyIsCalledAlongItsPath() throws Exception {
        int phonePort = Ports.free();
        Sipp.Running bob = Sipp.start(dir.resolve("bob"), List.of(), "register-through-edge.xml", edge.target(),
                List.of("-i", "127.0.0.1", "-p", Integer.toString(phonePort), "-au", "bob", "-ap", "pw-bob",
                        "-key", "user", "bob", "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:bob@10.77.0.9:5060>",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "5000"));
        Map<String, Object> binding = gateway.awaitBindings("sip:bob@127.0.0.1", 1).get(0);
        String path = (String) binding.get("path");
        assertTrue(path != null && path.startsWith("<sip:127.0.0.1:" + edge.port() + ";lr;received="),
                "the binding keeps the Path the edge recorded: " + binding);

        Sipp.Result caller = Sipp.run(dir.resolve("caller"), List.of(), "uac-call.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "bob",
                        "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain",
                        "198.51.100.7", "-d", "500"));
        assertEquals(0, caller.exitCode(),
                () -> "INVITE answered 200 along the Path, BYE answered 200: " + caller.screen() + logs());

        Sipp.Result phone = bob.await();
        assertEquals(0, phone.exitCode(), "the 200 for the REGISTER gave the Path back (the scenario checks it)");
        SipTrace.Message invite = phone.trace().received().stream().filter(m -> m.isRequest("INVITE")).findFirst()
                .orElseThrow();
        String vias = String.join(",", invite.headers("Via"));
        assertTrue(vias.contains("127.0.0.1:" + edge.port()) && vias.contains("127.0.0.1:" + port),
                "the INVITE came from the gateway through the edge: " + vias);
        assertTrue(String.join(",", invite.headers("Record-Route")).contains("127.0.0.1:" + edge.port()),
                "the edge stays in the dialog");
        assertEquals(1, phone.trace().received().stream().filter(m -> m.isRequest("BYE")).count(),
                "the caller's BYE reached the phone along the route set");
        assertTrue(edge.log().contains("edge: INVITE along the route"), "the edge routed the INVITE by its Path");
    }
}
