package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user settings end to end, set with the command line: a user's own maximum of contacts, its NAT policy
 * as the stored binding shows it, and its home route taking calls while it has no binding.
 */
class UserPolicySippIT {

    private static final String CONFIG = """
            registrar:
              max-contacts: 3
            nat:
              refresh-seconds: 60
              keepalive-seconds: 0
            proxy:
              timer-c-seconds: 4
            """;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        cli("user", "add", "olive", "--password", "pw-olive", "--max-contacts", "1");
        cli("user", "add", "nina", "--password", "pw-nina", "--nat-policy", "never");
        cli("user", "add", "alma", "--password", "pw-alma");
        cli("user", "set", "alma", "--nat-policy", "always");
        cli("user", "add", "bob", "--password", "pw-bob");
        cli("user", "add", "roamer", "--password", "pw-roamer", "--home-route", "user:bob");
        cli("user", "add", "carol", "--password", "pw-carol", "--home-route", "user:dan");
        cli("user", "add", "dan", "--password", "pw-dan", "--home-route", "user:bob");
        gateway = GatewayProcess.start(dir.resolve("gw"), CONFIG, List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void cli(String... args) throws Exception {
        GatewayProcess.runOk(dir.resolve("gw/data"), args);
    }

    private static Sipp.Result register(String user, String contact) throws Exception {
        int sourcePort = Ports.free();
        return Sipp.run(dir.resolve("sipp"), List.of(), "register.xml", "127.0.0.1:" + port, List.of(
                "-i", "127.0.0.1", "-p", Integer.toString(sourcePort), "-au", user, "-ap", "pw-" + user,
                "-key", "user", user, "-key", "domain", "127.0.0.1",
                "-key", "contact", "Contact: <" + contact.replace("%PORT%", Integer.toString(sourcePort)) + ">",
                "-key", "expires", "Expires: 300", "-key", "cseq1", "1", "-key", "cseq2", "2",
                "-cid_str", user + "-%u-%p@test"));
    }

    private static Sipp.Result call(String scenario, String callee) throws Exception {
        return Sipp.run(dir.resolve("caller"), List.of(), scenario, "127.0.0.1:" + port, List.of(
                "-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", callee,
                "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7",
                "-d", "500"));
    }

    @Test
    void aUserLimitedToOneContactCannotRegisterASecond() throws Exception {
        assertEquals(200, register("olive", "sip:olive@127.0.0.1:%PORT%").lastReceived().status());

        Sipp.Result second = register("olive", "sip:olive@127.0.0.1:%PORT%");

        assertEquals(403, second.lastReceived().status(), second.lastReceived().text());
        gateway.awaitBindings("sip:olive@127.0.0.1", 1);
    }

    @Test
    void natPolicyNeverTrustsAPrivateContact() throws Exception {
        Sipp.Result r = register("nina", "sip:nina@192.168.1.20:5060");

        assertEquals(List.of("<sip:nina@192.168.1.20:5060>;expires=300"), r.lastReceived().contacts(),
                "not shortened to nat.refresh-seconds");
        assertEquals("", gateway.awaitBindings("sip:nina@127.0.0.1", 1).get(0).get("nat"));
    }

    @Test
    void natPolicyAlwaysTreatsADirectClientAsBehindNat() throws Exception {
        Sipp.Result r = register("alma", "sip:alma@127.0.0.1:%PORT%");

        assertEquals(1, r.lastReceived().contacts().size());
        assertEquals(true, r.lastReceived().contacts().get(0).endsWith(";expires=60"), r.lastReceived().text());
        Map<String, Object> row = gateway.awaitBindings("sip:alma@127.0.0.1", 1).get(0);
        assertEquals("POLICY", row.get("nat"));
    }

    @Test
    void aCallToAnUnregisteredUserGoesToItsHomeRouteAndNoFurther() throws Exception {
        int bobPort = Ports.free();
        Sipp.Running bob = Sipp.start(dir.resolve("callee"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + port, List.of("-i", "127.0.0.1", "-p", Integer.toString(bobPort),
                        "-au", "bob", "-ap", "pw-bob", "-key", "user", "bob", "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:bob@127.0.0.1:" + bobPort + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "8000"));
        gateway.awaitBindings("sip:bob@127.0.0.1", 1);

        assertEquals(0, call("uac-call.xml", "roamer").exitCode(), "roamer's call answered by bob and ended");
        assertEquals(480, call("uac-expect.xml", "carol").lastReceived().status(),
                "carol's home route is dan, who has none of his own followed: 480");

        Sipp.Result callee = bob.await();
        assertEquals(1, callee.trace().received().stream().filter(m -> m.isRequest("INVITE")).count());
    }
}
