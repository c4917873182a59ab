package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A browser-like HTTPS client of the web admin: keeps cookies, trusts exactly the gateway's generated
 * certificate (so the TLS set-up is verified too), and sends the CSRF token once it knows one.
 */
final class AdminClient {

    record Response(int status, String body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    private static final Pattern SETUP_LINK = Pattern.compile("Admin setup: \\S+/setup\\?token=(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private String csrf;
    private String bearer;

    private AdminClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    static AdminClient trusting(Path certificatePem, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificatePem)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new AdminClient(http, "https://127.0.0.1:" + port);
    }

    /** A client of {@code gateway}'s web admin on {@code port}, trusting the certificate the gateway generated. */
    static AdminClient of(GatewayProcess gateway, int port) throws Exception {
        return trusting(gateway.dataDir().resolve("web-admin/certificate.pem"), port);
    }

    /** Creates account {@code admin} through the setup link the gateway logged; a client logged in as it. */
    static AdminClient setUpAdmin(GatewayProcess gateway, int port, String password) throws Exception {
        Matcher token = SETUP_LINK.matcher(gateway.log());
        assertTrue(token.find(), gateway.log());
        AdminClient c = of(gateway, port);
        Response setup = c.json("POST", "/api/v1/setup", JSON.writeValueAsString(
                Map.of("token", token.group(1), "username", "admin", "password", password)));
        assertEquals(201, setup.status(), setup.body());
        return c.logIn("admin", password);
    }

    /** Logs in as {@code user} through the API and sends the session's CSRF token from then on. */
    AdminClient logIn(String user, String password) throws Exception {
        Response login = json("POST", "/api/v1/session",
                JSON.writeValueAsString(Map.of("username", user, "password", password)));
        assertEquals(200, login.status(), login.body());
        return withCsrf(JSON.readTree(login.body()).get("csrfToken").asText());
    }

    AdminClient withCsrf(String token) {
        this.csrf = token;
        return this;
    }

    AdminClient withBearer(String token) {
        this.bearer = token;
        return this;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A download: the body as octets. */
    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Response json(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** A file as the raw body of a POST, as the Upgrades page sends a bundle. */
    Response upload(String path, Path file) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** A form post as the pages send it, with the CSRF token as a form field when known. */
    Response form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>(fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.toList()));
        if (csrf != null) {
            pairs.add("_csrf=" + enc(csrf));
        }
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
