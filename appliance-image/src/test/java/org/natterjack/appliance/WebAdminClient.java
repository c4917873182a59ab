package org.natterjack.appliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The appliance's web admin JSON API over HTTPS, through qemu's forwarded port. Its certificate is made inside
 * the VM at first boot, so this client trusts any (a test of the appliance, not of TLS; WebAdminIT checks TLS
 * against the real certificate).
 */
final class WebAdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SSLContext tls;
    private final CookieManager cookies = new CookieManager();
    private final int port;
    private String csrf;
    private volatile String servedFingerprint = "";

    WebAdminClient(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        this.tls = tls;
        this.port = port;
    }

    /**
     * Waits (bounded) until the web admin completes a TLS handshake through the forwarded port: under emulation
     * the guest may still be busy when the gateway has logged its start.
     */
    WebAdminClient awaitServing() throws Exception {
        IOException last = null;
        for (int i = 0; i < 30; i++) {
            try {
                send("GET", "/login", null);
                return this;
            } catch (IOException e) {
                last = e;
                Thread.sleep(2000);
            }
        }
        throw last;
    }

    /** Signs in; the session cookie and the CSRF token go with every later request. */
    HttpResponse<String> login(String username, String password) throws Exception {
        HttpResponse<String> login = send("POST", "/api/v1/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (login.statusCode() == 200) {
            csrf = json(login).path("csrfToken").asText();
        }
        return login;
    }

    HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpResponse<String> response = exchange(request(path, Duration.ofSeconds(60))
                .header("Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.sslSession().isPresent()) {
            servedFingerprint = fingerprint((X509Certificate) response.sslSession().get().getPeerCertificates()[0]);
        }
        return response;
    }

    /** POSTs a file as the raw body (an upgrade bundle of a few hundred MB). */
    HttpResponse<String> upload(String path, Path file) throws Exception {
        return exchange(request(path, Duration.ofMinutes(15)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
    }

    /**
     * Sends the request over a connection of its own, tried again (bounded) when the connection fails before an
     * answer: under emulation the guest, busy, now and then drops a TLS handshake or a connection through slirp's
     * forwarded port without answering (nothing in the gateway's log; the request was not processed).
     */
    private HttpResponse<String> exchange(HttpRequest request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return HttpClient.newBuilder().sslContext(tls).cookieHandler(cookies)
                        .connectTimeout(Duration.ofSeconds(20)).build().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    /** The SHA-256 fingerprint of the certificate the web admin served last, as browsers show it. */
    String servedFingerprint() {
        return servedFingerprint;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(timeout);
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }
}
