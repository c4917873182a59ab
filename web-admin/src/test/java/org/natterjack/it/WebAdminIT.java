package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web admin over real HTTPS, inside a real gateway process started with {@code natterjack run
 * --admin-listen}: first-run setup, sessions, CSRF, roles, lockout, API tokens, the audit log, escaping, and
 * a SIP user created through the API registering with sipp.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAdminIT {

    private static final String CONFIG = """
            relay:
              port-min: 26000
              port-max: 26099
            plugins:
              web-admin:
                login-failure-limit: 3
            """;
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int sipPort;
    static int adminPort;

    @BeforeAll
    static void startGateway() throws Exception {
        sipPort = Ports.free();
        adminPort = Ports.free();
        gateway = GatewayProcess.start(dir.resolve("gw"), CONFIG, List.of(), "--listen", "127.0.0.1:" + sipPort,
                "--admin-listen", "127.0.0.1:" + adminPort);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static AdminClient client() throws Exception {
        return AdminClient.of(gateway, adminPort);
    }

    private static JsonNode json(AdminClient.Response r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** A client logged in (by the API) as {@code user}, sending its CSRF token. */
    private static AdminClient loggedIn(String user, String password) throws Exception {
        return client().logIn(user, password);
    }

    @Test
    @Order(1)
    void theSetupLinkIsLoggedOnceAndWorksOnce() throws Exception {
        Matcher m = Pattern.compile("Admin setup: https://127\\.0\\.0\\.1:" + adminPort + "/setup\\?token=(\\S+)")
                .matcher(gateway.log());
        assertTrue(m.find(), gateway.log());
        String token = m.group(1);
        assertFalse(m.find(), "the setup line appears once");
        AdminClient c = client();

        assertEquals(401, c.get("/api/v1/users").status());
        assertEquals(303, c.get("/").status(), "pages send a stranger to the login page");
        AdminClient.Response wrong = c.json("POST", "/api/v1/setup",
                "{\"token\":\"guess\",\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(400, wrong.status());
        assertEquals("token", json(wrong).get("field").asText());
        AdminClient.Response shortPassword = c.json("POST", "/api/v1/setup",
                "{\"token\":\"" + token + "\",\"username\":\"admin\",\"password\":\"short\"}");
        assertEquals(400, shortPassword.status());
        assertEquals("password", json(shortPassword).get("field").asText());

        AdminClient.Response done = c.json("POST", "/api/v1/setup",
                "{\"token\":\"" + token + "\",\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(201, done.status(), done.body());
        assertTrue(done.header("Set-Cookie").contains("Secure"), done.header("Set-Cookie"));
        assertTrue(done.header("Set-Cookie").contains("HttpOnly"));
        assertTrue(done.header("Set-Cookie").contains("SameSite=Strict"));
        assertEquals(400, client().json("POST", "/api/v1/setup",
                "{\"token\":\"" + token + "\",\"username\":\"evil\",\"password\":\"" + ADMIN_PASSWORD + "\"}").status(),
                "the token stops working");
    }

    @Test
    @Order(2)
    void loginAndLogout() throws Exception {
        AdminClient c = loggedIn("admin", ADMIN_PASSWORD);
        JsonNode me = json(c.get("/api/v1/session"));
        assertEquals("admin", me.get("role").asText());

        assertEquals(204, c.json("DELETE", "/api/v1/session", null).status());
        assertEquals(401, c.get("/api/v1/session").status());
        assertEquals(401, client().json("POST", "/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"wrong password\"}").status());
    }

    @Test
    @Order(3)
    void stateChangesWithTheCookieNeedTheCsrfToken() throws Exception {
        AdminClient c = loggedIn("admin", ADMIN_PASSWORD);
        String user = "{\"username\":\"csrf\",\"password\":\"pw\"}";

        AdminClient.Response forged = c.withCsrf(null).json("POST", "/api/v1/users", user);
        assertEquals(403, forged.status());
        assertTrue(json(forged).get("error").asText().contains("CSRF"));
        assertEquals(403, c.form("/users", Map.of("username", "csrf", "password", "pw")).status());
        assertEquals(404, loggedIn("admin", ADMIN_PASSWORD).get("/api/v1/users/csrf").status(), "nothing saved");
    }

    @Test
    @Order(4)
    void invalidInputIsRefusedWithAMessageAndNothingIsSaved() throws Exception {
        AdminClient c = loggedIn("admin", ADMIN_PASSWORD);

        AdminClient.Response malformed = c.json("POST", "/api/v1/users", "{\"username\": ");
        assertEquals(400, malformed.status());
        assertTrue(json(malformed).get("error").asText().startsWith("malformed JSON"), malformed.body());
        AdminClient.Response unknown = c.json("POST", "/api/v1/users", "{\"username\":\"x\",\"pasword\":\"pw\"}");
        assertEquals(400, unknown.status());
        AdminClient.Response invalid = c.json("POST", "/api/v1/users", "{\"username\":\"a b\",\"password\":\"pw\"}");
        assertEquals(400, invalid.status());
        assertEquals("username", json(invalid).get("field").asText());
        AdminClient.Response badRule = c.json("POST", "/api/v1/routes",
                "{\"prefix\":\"1\",\"destination\":\"moon:1\"}");
        assertEquals(400, badRule.status());
        AdminClient.Response page = c.form("/users", Map.of("username", "a b", "password", "pw"));
        assertEquals(400, page.status());
        assertTrue(page.body().contains("id=\"error\""), "the page shows the error inline");
        assertEquals("[]", c.get("/api/v1/users").body());
        assertEquals("[]", c.get("/api/v1/routes").body());
        assertTrue(gateway.isAlive());
    }

    @Test
    @Order(5)
    void aMonitorReadsButCannotChange() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        assertEquals(201, admin.json("POST", "/api/v1/accounts",
                "{\"username\":\"watcher\",\"password\":\"watcher-password\",\"role\":\"monitor\"}").status());

        AdminClient monitor = loggedIn("watcher", "watcher-password");
        assertEquals(200, monitor.get("/api/v1/users").status());
        assertEquals(200, monitor.get("/api/v1/registrations").status());
        AdminClient.Response dashboard = monitor.get("/");
        assertEquals(200, dashboard.status(), dashboard.body());
        assertTrue(dashboard.body().contains("<polyline class=\"registrations\""), "the 24 h chart is drawn");
        assertTrue(json(monitor.get("/api/v1/status/history")).size() >= 1, "sampled at start");
        assertEquals(403, monitor.json("POST", "/api/v1/users", "{\"username\":\"m\",\"password\":\"pw\"}").status());
        assertEquals(403, monitor.json("POST", "/api/v1/routes",
                "{\"prefix\":\"1\",\"destination\":\"reject:403\"}").status());
        assertEquals(403, monitor.get("/api/v1/audit").status());
        assertEquals(200, monitor.json("POST", "/api/v1/routes/simulate", "{\"number\":\"1\"}").status());
    }

    @Test
    @Order(6)
    void anAccountChangesItsOwnPassword() throws Exception {
        AdminClient monitor = loggedIn("watcher", "watcher-password");
        AdminClient.Response wrong = monitor.json("PUT", "/api/v1/session/password",
                "{\"currentPassword\":\"guess-guess\",\"newPassword\":\"watcher-password-2\"}");
        assertEquals(400, wrong.status());
        assertEquals("currentPassword", json(wrong).get("field").asText());

        assertEquals(204, monitor.json("PUT", "/api/v1/session/password",
                "{\"currentPassword\":\"watcher-password\",\"newPassword\":\"watcher-password-2\"}").status());
        assertEquals(200, loggedIn("watcher", "watcher-password-2").get("/api/v1/session").status());
    }

    @Test
    @Order(7)
    void anAccountIsLockedAfterRepeatedFailures() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        admin.json("POST", "/api/v1/accounts",
                "{\"username\":\"victim\",\"password\":\"victim-password\",\"role\":\"operator\"}");
        String wrong = "{\"username\":\"victim\",\"password\":\"guess-guess\"}";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(client().json("POST", "/api/v1/session", wrong).status());
        }
        assertEquals(List.of(401, 401, 429), statuses);
        AdminClient.Response evenRight = client().json("POST", "/api/v1/session",
                "{\"username\":\"victim\",\"password\":\"victim-password\"}");
        assertEquals(429, evenRight.status());
        assertTrue(json(evenRight).get("error").asText().contains("locked"));
    }

    @Test
    @Order(8)
    void apiTokensAutomateWithinTheirRole() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        AdminClient.Response created = admin.json("POST", "/api/v1/tokens",
                "{\"name\":\"provisioning\",\"role\":\"operator\"}");
        assertEquals(201, created.status(), created.body());
        AdminClient bot = client().withBearer(json(created).get("secret").asText());

        assertEquals(201, bot.json("POST", "/api/v1/users",
                "{\"username\":\"bot-made\",\"password\":\"pw\"}").status());
        assertEquals(403, bot.json("POST", "/api/v1/routes",
                "{\"prefix\":\"1\",\"destination\":\"reject:403\"}").status());
        assertEquals(401, client().withBearer("nj_wrong").get("/api/v1/users").status());

        AdminClient.Response monitor = admin.json("POST", "/api/v1/tokens", "{\"name\":\"prometheus\",\"role\":\"monitor\"}");
        AdminClient scraper = client().withBearer(json(monitor).get("secret").asText());
        AdminClient.Response metrics = scraper.get("/metrics");
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body().contains("\nnatterjack_registrations{node=\"local\"} "), "a scraper with a monitor's token: "
                + metrics.body());
        assertEquals(401, client().get("/metrics").status(), "not without a token");
        AdminClient.Response alarms = scraper.get("/api/v1/alarms");
        assertEquals(200, alarms.status(), alarms.body());
        assertTrue(json(alarms).get("active").isArray() && json(alarms).get("history").isArray(), alarms.body());
        assertTrue(metrics.body().contains("\nnatterjack_alarms_active{node=\"local\",severity=\"critical\"} "), "alarms as metrics");
        for (String name : dashboardMetrics()) {
            assertTrue(Pattern.compile("^" + name + "[{ ]", Pattern.MULTILINE).matcher(metrics.body()).find(),
                    "the Grafana dashboard's " + name + " is exposed");
        }
    }

    /** Every metric the shipped Grafana dashboard queries. */
    private static Set<String> dashboardMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("../docs/grafana/natterjack-dashboard.json").toFile());
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = Pattern.compile("\\b((?:natterjack|jvm|process|system)_[a-z_]+)\\{").matcher(expr.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertTrue(names.size() >= 20, "the dashboard's queries were read: " + names);
        return names;
    }

    @Test
    @Order(9)
    void everyChangeIsAudited() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        admin.json("PUT", "/api/v1/users/bot-made", "{\"displayName\":\"Bot\"}");

        JsonNode entries = json(admin.get("/api/v1/audit"));
        JsonNode update = find(entries, "sip-user.update");
        assertEquals("admin", update.get("actor").asText());
        assertEquals("bot-made", update.get("target").asText());
        assertTrue(update.get("oldValue").asText().contains("\"displayName\":\"\""));
        assertTrue(update.get("newValue").asText().contains("\"displayName\":\"Bot\""));
        assertEquals("token:provisioning", find(entries, "sip-user.add").get("actor").asText());
        assertEquals("admin", find(entries, "account.add").get("actor").asText());
        AdminClient.Response csv = admin.get("/api/v1/audit?format=csv");
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("id,at,actor,action,target,old,new"));
        assertTrue(csv.body().contains("\"sip-user.update\""));
    }

    private static JsonNode find(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + entries);
    }

    @Test
    @Order(10)
    void aDisplayNameWithMarkupIsShownEscaped() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        String payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        assertEquals(201, admin.json("POST", "/api/v1/users",
                JSON.writeValueAsString(Map.of("username", "mallory", "password", "pw", "displayName", payload)))
                .status());

        String page = admin.get("/users").body();
        assertFalse(page.contains(payload), "raw markup must not reach the page");
        assertFalse(page.contains("<script>alert"));
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"),
                page);
        assertTrue(admin.get("/users").header("Content-Security-Policy").contains("default-src 'self'"));
    }

    @Test
    @Order(11)
    void aUserAddedThroughTheApiRegistersAtOnceAndShowsUp() throws Exception {
        AdminClient operator = loggedIn("admin", ADMIN_PASSWORD);
        assertEquals(201, operator.json("POST", "/api/v1/users",
                "{\"username\":\"alice\",\"password\":\"secret-alice\",\"displayName\":\"Alice\"}").status());
        int phonePort = Ports.free();

        Sipp.Result r = Sipp.run(dir.resolve("sipp"), List.of(), "register.xml", "127.0.0.1:" + sipPort, List.of(
                "-i", "127.0.0.1", "-p", Integer.toString(phonePort), "-au", "alice", "-ap", "secret-alice",
                "-key", "user", "alice", "-key", "domain", "127.0.0.1",
                "-key", "contact", "Contact: <sip:alice@127.0.0.1:" + phonePort + ">",
                "-key", "expires", "Expires: 300",
                "-key", "cseq1", "1", "-key", "cseq2", "2", "-cid_str", "alice-%u-%p@test"));
        assertEquals(200, r.lastReceived().status(), r.screen());

        JsonNode registrations = json(operator.get("/api/v1/registrations"));
        assertEquals(1, registrations.size(), registrations.toString());
        JsonNode alice = registrations.get(0);
        assertEquals("sip:alice@127.0.0.1", alice.get("aor").asText());
        assertEquals("127.0.0.1:" + phonePort, alice.get("receivedFrom").asText());
        assertTrue(operator.get("/registrations").body().contains("sip:alice@127.0.0.1:" + phonePort));

        String unregister = "/api/v1/registrations?aor=" + enc(alice.get("aor").asText()) + "&key="
                + enc(alice.get("key").asText());
        assertEquals(204, operator.json("DELETE", unregister, null).status());
        assertEquals("[]", operator.get("/api/v1/registrations").body());
    }

    @Test
    @Order(12)
    void aRuleAddedThroughTheApiDecidesTheSimulation() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        assertEquals(201, admin.json("POST", "/api/v1/routes",
                "{\"position\":10,\"prefix\":\"4930\",\"strip\":4,\"destination\":\"user:*\","
                        + "\"description\":\"DIDs\"}").status());

        JsonNode sim = json(admin.json("POST", "/api/v1/routes/simulate",
                "{\"number\":\"4930123\",\"source\":\"192.0.2.1\"}"));
        assertEquals("123", sim.get("steps").get(0).get("number").asText());
        assertEquals("user:123", sim.get("steps").get(0).get("destination").asText());
        AdminClient.Response page = admin.form("/routes/simulate", Map.of("number", "4930123", "source", ""));
        assertTrue(page.body().contains("<td>user:123</td>"), page.body());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Order(13)
    void withoutThePstnPlugInThePagesSaySo() throws Exception {
        AdminClient c = loggedIn("admin", ADMIN_PASSWORD);
        assertTrue(c.get("/pstn").body().contains("id=\"not-running\""));
        AdminClient.Response trunks = c.get("/api/v1/pstn/trunks");
        assertEquals(503, trunks.status());
        assertTrue(trunks.body().contains("not running"), trunks.body());
    }

    @Test
    @Order(14)
    void aUsersMaxContactsNatPolicyAndHomeRouteAreSavedShownAndAudited() throws Exception {
        AdminClient admin = loggedIn("admin", ADMIN_PASSWORD);
        assertEquals(303, admin.form("/users", Map.of("username", "roamer", "password", "pw", "maxContacts", "2",
                "natPolicy", "always", "homeRoute", "user:alice")).status());

        JsonNode roamer = json(admin.get("/api/v1/users/roamer"));
        assertEquals(2, roamer.get("maxContacts").asInt());
        assertEquals("always", roamer.get("natPolicy").asText());
        assertEquals("user:alice", roamer.get("homeRoute").asText());
        String page = admin.get("/users").body();
        assertTrue(page.contains("<td class=\"home-route\">user:alice</td>"), page);
        assertTrue(page.contains("<td class=\"nat-policy\">always</td>"), page);

        AdminClient.Response changed = admin.json("PUT", "/api/v1/users/roamer",
                "{\"maxContacts\":0,\"natPolicy\":\"never\",\"homeRoute\":\"\"}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals(10, json(changed).get("effectiveMaxContacts").asInt(), "back to registrar.max-contacts");
        JsonNode update = find(json(admin.get("/api/v1/audit")), "sip-user.update");
        assertTrue(update.get("oldValue").asText().contains("\"homeRoute\":\"user:alice\""), update.toString());
        assertTrue(update.get("newValue").asText().contains("\"natPolicy\":\"never\""), update.toString());

        AdminClient.Response refused = admin.json("PUT", "/api/v1/users/roamer", "{\"homeRoute\":\"moon:1\"}");
        assertEquals(400, refused.status());
        assertEquals("homeRoute", json(refused).get("field").asText());
        AdminClient.Response form = admin.form("/users", Map.of("username", "other", "password", "pw",
                "maxContacts", "500"));
        assertEquals(400, form.status());
        assertTrue(form.body().contains("id=\"add-maxContacts-error\""), "the error is shown at its field");
        assertEquals(404, admin.get("/api/v1/users/other").status(), "nothing saved");
    }
}
