package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart (or an upgrade) loses no registered client; bindings that lapsed meanwhile are purged. */
class RestartIT {

    @TempDir
    Path dir;

    @Test
    void bindingsSurviveARestartAndLapsedOnesArePurged() throws Exception {
        int port = Ports.free();
        String config = "registrar:\n  min-expires: 2\n";
        GatewayProcess.CliResult added = GatewayProcess.run(List.of(), "user", "add", "alice", "--password", "pw",
                "--data-dir", dir.resolve("gw/data").toString());
        assertEquals(0, added.exitCode(), added.output());

        int keptPort = Ports.free();
        int lapsingPort = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), config, List.of(),
                "--listen", "127.0.0.1:" + port)) {
            assertEquals(200, register(port, keptPort, "Contact: <sip:alice@127.0.0.1:" + keptPort + ">",
                    "Expires: 3600").lastReceived().status());
            assertEquals(200, register(port, lapsingPort, "Contact: <sip:alice@127.0.0.1:" + lapsingPort + ">",
                    "Expires: 2").lastReceived().status());
        }
        Thread.sleep(3000);

        try (GatewayProcess restarted = GatewayProcess.start(dir.resolve("gw"), config, List.of(),
                "--listen", "127.0.0.1:" + port)) {
            assertTrue(restarted.log().contains("Purged 1 bindings that expired while the gateway was down"),
                    restarted.log());
            assertTrue(restarted.log().contains(" 1 bindings restored"), restarted.log());
            SipTrace.Message query = register(port, Ports.free(), "X-No-Contact: 1", "X-No-Expires: 1")
                    .lastReceived();
            assertEquals(200, query.status());
            List<String> contacts = query.contacts();
            assertEquals(1, contacts.size(), contacts.toString());
            assertTrue(contacts.get(0).startsWith("<sip:alice@127.0.0.1:" + keptPort + ">;expires="), contacts.get(0));
        }
    }

    @Test
    void aKilledGatewayHasWrittenEveryBindingOlderThanTheWriteBehindSecond() throws Exception {
        int port = Ports.free();
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "alice", "--password", "pw");
        int phonePort = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), "", List.of(),
                "--listen", "127.0.0.1:" + port)) {
            assertEquals(200, register(port, phonePort, "Contact: <sip:alice@127.0.0.1:" + phonePort + ">",
                    "Expires: 3600").lastReceived().status());
            gateway.awaitBindings("sip:alice@127.0.0.1", 1);
            gateway.kill();
            assertTrue(!gateway.log().contains("Natterjack stopped"), "the kill let the gateway stop cleanly");
        }
        try (GatewayProcess restarted = GatewayProcess.start(dir.resolve("gw"), "", List.of(),
                "--listen", "127.0.0.1:" + port)) {
            assertTrue(restarted.log().contains(" 1 bindings restored"), restarted.log());
        }
    }

    private Sipp.Result register(int port, int sourcePort, String contact, String expires) throws Exception {
        return Sipp.run(dir.resolve("sipp"), List.of(), "register.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(sourcePort), "-au", "alice", "-ap", "pw",
                        "-key", "user", "alice", "-key", "domain", "127.0.0.1", "-key", "contact", contact,
                        "-key", "expires", expires, "-key", "cseq1", "1", "-key", "cseq2", "2"));
    }
}
