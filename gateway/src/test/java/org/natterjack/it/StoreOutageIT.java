package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.config.StoreSettings;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.Store;
import org.natterjack.store.UserRepository;
import org.natterjack.testing.PostgresServer;

/**
 * PostgreSQL stops for 30 s while phones register with a gateway on it: the gateway keeps registering them from
 * memory, refuses with 503 once its write backlog is full, and writes every registration it acknowledged once the
 * database is back.
 */
class StoreOutageIT {

    private static final String DOMAIN = "outage.test";
    private static final int USERS = 500;
    private static final Pattern TO_USER = Pattern.compile("(?m)^To:\\s*<sip:(u\\d+)@");

    @TempDir
    Path dir;

    @Test
    void registrationsAcknowledgedWhileTheDatabaseWasAwayAreWrittenWhenItReturns() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        StoreSettings settings = postgres.freshStore();
        List<String> lines = new ArrayList<>(List.of("SEQUENTIAL"));
        try (Store store = Store.open(settings, dir.resolve("seed"));
             UserRepository users = new UserRepository(store, Clock.systemUTC())) {
            for (int i = 0; i < USERS; i++) {
                users.add(SipUser.withPassword("u" + i, "", "natterjack", "pw" + i));
                lines.add("u" + i + ";[authentication username=u" + i + " password=pw" + i + "]");
            }
        }
        Path injection = dir.resolve("users.csv");
        Files.write(injection, lines);

        int port = Ports.free();
        String yaml = """
                sip:
                  listen: [127.0.0.1:%d]
                  domains: [%s]
                  source-rate-limit: 0
                nat:
                  keepalive-seconds: 0
                  refresh-seconds: 600
                store:
                  engine: postgresql
                  url: %s
                  username: %s
                  password: %s
                  write-backlog: 100
                node:
                  name: solo
                """.formatted(port, DOMAIN, settings.url().orElseThrow(), PostgresServer.USER,
                PostgresServer.PASSWORD);
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), yaml, List.of())) {
            Path messages = dir.resolve("register.msg");
            Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + port, "-sf",
                    Sipp.scenario("register-user-field.xml").toString(), "-inf", injection.toString(),
                    "-key", "domain", DOMAIN, "-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                    "-r", "10", "-m", Integer.toString(USERS), "-trace_msg", "-message_file", messages.toString(),
                    "-nostdin", "-nr", "-timeout", "100s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sipp.out").toFile()).start();
            Thread.sleep(5_000);
            postgres.stop();
            try {
                Thread.sleep(30_000);
                assertTrue(gateway.isAlive(), "the gateway runs on without its database");
            } finally {
                postgres.startServer();
            }
            assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "sipp finished");

            String trace = Files.readString(messages);
            Set<String> acknowledged = usersAnswered(trace, "SIP/2.0 200 OK");
            Set<String> refused = usersAnswered(trace, "SIP/2.0 503 ");
            assertTrue(refused.size() > 0, "once 100 changes waited, registrations were refused with 503");
            assertTrue(trace.contains("Retry-After: 30"), "the 503 says when to come back");
            assertTrue(acknowledged.size() > 200, "registrations went on from memory: " + acknowledged.size());

            Set<String> stored = new HashSet<>();
            for (int i = 0; i < 150 && !stored.containsAll(acknowledged); i++) {
                Thread.sleep(100);
                stored = storedUsers(settings);
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "every acknowledged registration is in the database");
            assertTrue(gateway.log().contains("Binding changes are written to"), "the writes resumed");
            assertTrue(gateway.isAlive());
        }
    }

    /** The users whose REGISTER got {@code statusLine} (the received responses of sipp's message trace). */
    private static Set<String> usersAnswered(String trace, String statusLine) {
        Set<String> users = new HashSet<>();
        for (String block : trace.split("(?m)^-{5,}.*$")) {
            String message = block.strip();
            if (message.contains(statusLine)) {
                Matcher m = TO_USER.matcher(message);
                if (m.find()) {
                    users.add(m.group(1));
                }
            }
        }
        return users;
    }

    private static Set<String> storedUsers(StoreSettings settings) throws Exception {
        Set<String> users = new HashSet<>();
        try (Connection c = DriverManager.getConnection(settings.url().orElseThrow(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT aor FROM binding")) {
            while (rs.next()) {
                users.add(rs.getString(1).replaceFirst("^sip:", "").replaceFirst("@.*", ""));
            }
        } catch (java.sql.SQLException e) {
            // Still starting: the caller asks again.
        }
        return users;
    }

    @Test
    void aNodeCutOffLongerThanTheStaleBoundRefusesRegistrationsAndCalls() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        StoreSettings settings = postgres.freshStore();
        try (Store store = Store.open(settings, dir.resolve("seed"));
             UserRepository users = new UserRepository(store, Clock.systemUTC())) {
            users.add(SipUser.withPassword("vera", "", "natterjack", "pw-vera"));
        }
        int port = Ports.free();
        String yaml = SharedStoreNode.yaml("lonely", "127.0.0.1:" + port, DOMAIN, settings.url().orElseThrow(),
                "max-stale-seconds: 10");
        try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), yaml, List.of())) {
            assertEquals(200, register(port, "before").lastReceived().status());
            postgres.stop();
            try {
                assertEquals(200, register(port, "within").lastReceived().status(),
                        "within the bound the node goes on from memory");
                Thread.sleep(12_000);
                Sipp.Result refused = register(port, "beyond");
                assertEquals(503, refused.lastReceived().status(), "beyond the bound the accounts may be stale");
                Sipp.Result call = Sipp.run(dir.resolve("call"), List.of(), "uac-expect.xml", "127.0.0.1:" + port,
                        List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "vera",
                                "-key", "domain", DOMAIN, "-key", "caller", "zoe", "-key", "caller_domain",
                                "198.51.100.7"));
                assertEquals(503, call.lastReceived().status(), "and so are new calls");
            } finally {
                postgres.startServer();
            }
            Sipp.Result again = null;
            for (int i = 0; i < 20 && (again == null || again.lastReceived().status() != 200); i++) {
                Thread.sleep(500);
                again = register(port, "after" + i);
            }
            assertEquals(200, again.lastReceived().status(), "accepted again once the store answers");
            assertTrue(gateway.log().contains("Refusing registrations and new calls with 503"), "logged once");
            assertTrue(gateway.log().contains("Accepting registrations and calls again"));
        }
    }

    private Sipp.Result register(int port, String label) throws Exception {
        return Sipp.run(dir.resolve("vera-" + label), List.of(), "register.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-au", "vera", "-ap", "pw-vera",
                        "-key", "user", "vera", "-key", "domain", DOMAIN, "-key", "cseq1", "1", "-key", "cseq2", "2",
                        "-key", "contact", "Contact: <sip:vera@10.5.5.5:5060>", "-key", "expires", "Expires: 600"));
    }
}
