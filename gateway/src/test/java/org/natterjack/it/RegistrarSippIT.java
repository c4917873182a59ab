package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar end to end: a real gateway process, real sipp user agents registering over UDP, TCP and
 * IPv6, and the store it writes. Each test uses its own user so tests do not see each other's bindings.
 */
class RegistrarSippIT {

    private static final String CONFIG = """
            registrar:
              min-expires: 2
              max-expires: 7200
              default-expires: 300
              max-contacts: 3
            nat:
              refresh-seconds: 60
              keepalive-seconds: 0
            auth:
              failure-limit: 3
              block-seconds: 60
            """;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;
    static int nextSipPort = 0;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
                "judy", "mallory", "oscar")) {
            addUser(user, "secret-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), CONFIG, List.of(),
                "--listen", "127.0.0.1:" + port, "--listen", "[::1]:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void addUser(String user, String password) throws Exception {
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", password);
    }

    /** One REGISTER (with the 401 round) from sipp; returns sipp's result. */
    private static Sipp.Result register(String user, String password, String source, int sourcePort,
                                        String contact, String expires, String callIdTemplate, int cseq,
                                        String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", source, "-p", Integer.toString(sourcePort),
                "-au", user, "-ap", password, "-key", "user", user, "-key", "domain", "127.0.0.1",
                "-key", "contact", contact, "-key", "expires", expires,
                "-key", "cseq1", Integer.toString(cseq), "-key", "cseq2", Integer.toString(cseq + 1),
                "-cid_str", callIdTemplate));
        args.addAll(List.of(extra));
        String target = source.contains(":") ? "[::1]:" + port : "127.0.0.1:" + port;
        return Sipp.run(dir.resolve("sipp"), List.of(), "register.xml", target, args);
    }

    /** A REGISTER from 127.0.0.1:{@code sourcePort} that must succeed; {@code %PORT%} in the contact is the port. */
    private static SipTrace.Message registerOk(String user, int sourcePort, String contact, String expires)
            throws Exception {
        Sipp.Result r = register(user, "secret-" + user, "127.0.0.1", sourcePort,
                contact.replace("%PORT%", Integer.toString(sourcePort)), expires, user + "-%u-%p@test", 1);
        SipTrace.Message last = r.lastReceived();
        assertEquals(200, last.status(), last.text());
        assertEquals(0, r.exitCode());
        return last;
    }

    @Test
    void registersRefreshesAndReportsGrantedExpiry() throws Exception {
        int p = Ports.free();
        String contact = "Contact: <sip:alice@127.0.0.1:%PORT%>";
        SipTrace.Message first = registerOk("alice", p, contact, "Expires: 300");
        assertEquals(List.of("<sip:alice@127.0.0.1:" + p + ">;expires=300"), first.headers("Contact"));

        SipTrace.Message refresh = registerOk("alice", p, contact, "Expires: 600");
        assertEquals(List.of("<sip:alice@127.0.0.1:" + p + ">;expires=600"), refresh.headers("Contact"));

        List<Map<String, Object>> rows = gateway.awaitBindings("sip:alice@127.0.0.1", 1);
        assertEquals("", rows.get(0).get("nat"), "a client at the address it claims is not behind NAT");
        assertEquals("sipp-natterjack-test", rows.get(0).get("user_agent"));
    }

    @Test
    void outOfOrderRegisterWithSameCallIdIsRefused() throws Exception {
        int p = Ports.free();
        String contact = "Contact: <sip:bob@127.0.0.1:" + p + ">";
        Sipp.Result ok = register("bob", "secret-bob", "127.0.0.1", p, contact, "Expires: 300", "fixed-bob@test", 10);
        assertEquals(200, ok.lastReceived().status());
        Sipp.Result late = register("bob", "secret-bob", "127.0.0.1", p, contact, "Expires: 300", "fixed-bob@test", 5);
        assertEquals(400, late.lastReceived().status());
        assertEquals("Invalid CSeq number", late.lastReceived().reason());
    }

    @Test
    void unregisterWithExpiresZeroRemovesOnlyThatContact() throws Exception {
        int p1 = Ports.free();
        int p2 = Ports.free();
        registerOk("carol", p1, "Contact: <sip:carol@127.0.0.1:%PORT%>", "Expires: 300");
        registerOk("carol", p2, "Contact: <sip:carol@127.0.0.1:%PORT%>", "Expires: 300");
        SipTrace.Message after = registerOk("carol", p1, "Contact: <sip:carol@127.0.0.1:%PORT%>", "Expires: 0");
        assertEquals(List.of("<sip:carol@127.0.0.1:" + p2 + ">;expires=300"), after.contacts());
        gateway.awaitBindings("sip:carol@127.0.0.1", 1);
    }

    @Test
    void wildcardWithExpiresZeroRemovesEveryContact() throws Exception {
        int p1 = Ports.free();
        int p2 = Ports.free();
        registerOk("dave", p2, "Contact: <sip:dave@127.0.0.1:%PORT%>;q=0.5", "Expires: 300");
        registerOk("dave", p1, "Contact: <sip:dave@127.0.0.1:%PORT%>", "Expires: 300");
        SipTrace.Message both = registerOk("dave", p1, "X-No-Contact: 1", "X-No-Expires: 1");
        assertEquals(List.of("<sip:dave@127.0.0.1:" + p1 + ">;expires=300",
                        "<sip:dave@127.0.0.1:" + p2 + ">;expires=300;q=0.5"),
                both.contacts(), "a query lists all contacts, most preferred first");
        gateway.awaitBindings("sip:dave@127.0.0.1", 2);

        SipTrace.Message cleared = registerOk("dave", p1, "Contact: *", "Expires: 0");
        assertTrue(cleared.contacts().isEmpty(), cleared.text());
        gateway.awaitBindings("sip:dave@127.0.0.1", 0);
    }

    @Test
    void wrongPasswordIsChallengedAgainAndRepeatedFailuresBlockTheSource() throws Exception {
        for (int i = 0; i < 3; i++) {
            Sipp.Result wrong = register("erin", "not-her-password", "127.0.0.5", Ports.free(),
                    "Contact: <sip:erin@127.0.0.5:5003>", "Expires: 300", "erin-%u-%p@test", 1);
            assertEquals(401, wrong.lastReceived().status(), "a wrong password earns a new challenge");
        }
        Sipp.Result blocked = register("erin", "secret-erin", "127.0.0.5", Ports.free(),
                "Contact: <sip:erin@127.0.0.5:5003>", "Expires: 300", "erin-%u-%p@test", 1);
        SipTrace.Message answer = blocked.trace().received().get(0);
        assertEquals(403, answer.status(), "the source is blocked even with the right password");
        assertEquals("Too many failed authentications", answer.reason());
        assertTrue(gateway.log().contains("Blocking 127.0.0.5"), "the block is logged");
        assertEquals(0, gateway.bindings("sip:erin@127.0.0.1").size());
    }

    @Test
    void bindingExpiresWhenNotRefreshed() throws Exception {
        int p = Ports.free();
        SipTrace.Message ok = registerOk("frank", p, "Contact: <sip:frank@127.0.0.1:%PORT%>", "Expires: 2");
        assertEquals(List.of("<sip:frank@127.0.0.1:" + p + ">;expires=2"), ok.contacts());
        List<String> contacts = List.of("pending");
        for (int i = 0; i < 40 && !contacts.isEmpty(); i++) {
            Thread.sleep(250);
            contacts = registerOk("frank", p, "X-No-Contact: 1", "X-No-Expires: 1").contacts();
        }
        assertEquals(List.of(), contacts, "the expired contact is no longer listed");
        gateway.awaitBindings("sip:frank@127.0.0.1", 0);
    }

    @Test
    void tooBriefExpiryGets423WithMinExpires() throws Exception {
        Sipp.Result r = register("grace", "secret-grace", "127.0.0.1", Ports.free(),
                "Contact: <sip:grace@127.0.0.1:5005>",
                "Expires: 1", "grace-%u-%p@test", 1);
        assertEquals(423, r.lastReceived().status());
        assertEquals(List.of("2"), r.lastReceived().headers("Min-Expires"));
    }

    @Test
    void clientBehindNatIsStoredWithItsSourceAndCappedAtTheRefreshInterval() throws Exception {
        int sourcePort = Ports.free();
        Sipp.Result r = register("heidi", "secret-heidi", "127.0.0.1", sourcePort,
                "Contact: <sip:heidi@192.168.1.20:5060>", "Expires: 3600", "heidi-%u-%p@test", 1);
        assertEquals(List.of("<sip:heidi@192.168.1.20:5060>;expires=60"), r.lastReceived().contacts());
        Map<String, Object> row = gateway.awaitBindings("sip:heidi@127.0.0.1", 1).get(0);
        assertEquals("sip:heidi@192.168.1.20:5060", row.get("contact"), "the Contact is kept as sent");
        assertEquals("127.0.0.1", row.get("received_address"));
        assertEquals(sourcePort, row.get("received_port"), "the packet source is what reaches the client");
        assertEquals("UDP", row.get("transport"));
        assertEquals(port, row.get("local_port"));
        assertTrue(row.get("nat").toString().contains("CONTACT_PRIVATE"), row.toString());
    }

    /** Bound over TCP while the connection lasts; reachable only over it, so dropped when it closes (RFC 5626). */
    @Test
    void registersOverTcpUntilItsConnectionCloses() throws Exception {
        Sipp.Running ivan = Sipp.start(dir.resolve("sipp"), List.of(), "register-and-wait.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-t", "t1",
                        "-au", "ivan", "-ap", "secret-ivan", "-key", "user", "ivan", "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:ivan@127.0.0.1:5006;transport=tcp>", "-d", "3000"));
        Map<String, Object> row = gateway.awaitBindings("sip:ivan@127.0.0.1", 1).get(0);
        assertEquals("TCP", row.get("transport"));

        Sipp.Result r = ivan.await();

        assertEquals(0, r.exitCode(), r.screen());
        gateway.awaitBindings("sip:ivan@127.0.0.1", 0);
    }

    @Test
    void registersOverIpv6() throws Exception {
        Sipp.Result r = register("judy", "secret-judy", "::1", Ports.free(), "Contact: <sip:judy@[::1]:5007>",
                "Expires: 300", "judy-%u-%p@test", 1);
        assertEquals(200, r.lastReceived().status(), r.lastReceived().text());
        Map<String, Object> row = gateway.awaitBindings("sip:judy@127.0.0.1", 1).get(0);
        assertEquals("0:0:0:0:0:0:0:1", row.get("received_address"));
    }

    @Test
    void tooManyContactsAreRefusedWithoutChangingTheBindings() throws Exception {
        for (int i = 1; i <= 3; i++) {
            registerOk("mallory", Ports.free(), "Contact: <sip:mallory@127.0.0.1:%PORT%>", "Expires: 300");
        }
        Sipp.Result fourth = register("mallory", "secret-mallory", "127.0.0.1", Ports.free(),
                "Contact: <sip:mallory@127.0.0.1:5104>", "Expires: 300", "mallory-x-%u-%p@test", 1);
        assertEquals(403, fourth.lastReceived().status());
        gateway.awaitBindings("sip:mallory@127.0.0.1", 3);
    }

    @Test
    void userAddedWhileRunningCanRegister() throws Exception {
        addUser("peggy", "secret-peggy");
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            // From its own source address: failed attempts must not get 127.0.0.1 blocked for the other tests.
            Sipp.Result r = register("peggy", "secret-peggy", "127.0.0.7", Ports.free(),
                    "Contact: <sip:peggy@127.0.0.7:5008>", "Expires: 300", "peggy-%u-%p@test", 1);
            status = r.lastReceived().status();
            if (status != 200) {
                Thread.sleep(1000);
            }
        }
        assertEquals(200, status, "the gateway picks up users added by the CLI while it runs");
    }
}
