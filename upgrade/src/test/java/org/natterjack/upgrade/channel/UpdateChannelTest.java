package org.natterjack.upgrade.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.upgrade.bundle.Keyring;
import org.natterjack.upgrade.bundle.SignedContent;
import org.natterjack.upgrade.bundle.TestBundles;

/** The channel against a local HTTPS server: signed index, resumed download, refusals before any install. */
class UpdateChannelTest {

    @TempDir
    static Path keys;
    static TestBundles bundles;
    static byte[] bundle;
    static SSLContext serverTls;
    static SSLContext clientTls;

    @TempDir
    Path data;
    HttpsServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Bytes of the bundle sent before the connection is cut, on its next request only; -1: none. */
    final AtomicInteger cutAfter = new AtomicInteger(-1);
    final List<Path> installed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeKeys() throws Exception {
        bundles = TestBundles.in(keys);
        bundle = Files.readAllBytes(bundles.bundle("0.3.0", 200_000));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(bundles.serverKeystore())) {
            p12.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(p12, "secret".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(bundles.keyring())) {
            trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", this::serve);
        server.start();
        files.put("/channel/bundles/natterjack-0.3.0.raucb", bundle);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = files.get(exchange.getRequestURI().getPath());
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            from = Integer.parseInt(range.replaceAll("bytes=([0-9]+)-", "$1"));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                    + body.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
        int cut = exchange.getRequestURI().getPath().endsWith(".raucb") ? cutAfter.getAndSet(-1) : -1;
        try (OutputStream out = exchange.getResponseBody()) {
            if (cut >= 0) {
                out.write(body, from, cut);
                out.flush();
                throw new IOException("connection cut for the test");
            }
            out.write(body, from, body.length - from);
        }
    }

    private URI publish(String version, String sha256, String signer) throws Exception {
        Path index = data.resolve("index.json");
        Files.writeString(index, "{\"version\": \"" + version + "\", \"url\": \"bundles/natterjack-0.3.0.raucb\","
                + " \"size\": " + bundle.length + ", \"sha256\": \"" + sha256 + "\"}");
        files.put("/channel/index.json", Files.readAllBytes(index));
        files.put("/channel/index.json.sig", Files.readAllBytes(bundles.signDetached(index, signer)));
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/channel/index.json");
    }

    private UpdateChannel channel(URI index, boolean autoInstall) throws Exception {
        return new UpdateChannel(index, new SignedContent(Keyring.load(bundles.keyring()), Clock.systemUTC()),
                data.resolve("upgrade/download.part"), autoInstall, Clock.systemUTC(),
                HttpClient.newBuilder().sslContext(clientTls).build());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aNewerSignedVersionIsShownAndNotInstalledByDefault() throws Exception {
        UpdateChannel channel = channel(publish("0.3.0", sha256(bundle), "release"), false);
        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertEquals("0.3.0", channel.status().available().orElseThrow());
        assertEquals("", channel.status().error());
        assertTrue(channel.status().lastCheck().isPresent());
        assertTrue(installed.isEmpty());
        assertFalse(Files.exists(data.resolve("upgrade/download.part")));

        channel.check("0.3.0", (file, options) -> installed.add(file));
        assertTrue(channel.status().available().isEmpty(), "nothing newer than what runs");
    }

    @Test
    void anInterruptedDownloadResumesFromTheByteItReached() throws Exception {
        UpdateChannel channel = channel(publish("0.3.0", sha256(bundle), "release"), true);
        cutAfter.set(70_000);
        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertFalse(channel.status().error().isEmpty(), "the first try broke off");
        long reached = Files.size(data.resolve("upgrade/download.part"));
        assertTrue(reached > 0 && reached < bundle.length, "kept " + reached + " bytes");

        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertEquals(List.of("bytes=" + reached + "-"), ranges);
        assertEquals("", channel.status().error());
        assertEquals(List.of(data.resolve("upgrade/download.part")), installed);
        assertArrayEquals(bundle, Files.readAllBytes(installed.get(0)));
    }

    @Test
    void anIndexSignedByAnotherKeyIsRefusedBeforeAnyDownload() throws Exception {
        UpdateChannel channel = channel(publish("0.3.0", sha256(bundle), "server"), true);
        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertTrue(channel.status().error().contains("not signed by the release key"), channel.status().error());
        assertTrue(channel.status().available().isEmpty());
        assertTrue(installed.isEmpty());
        assertFalse(Files.exists(data.resolve("upgrade/download.part")));
    }

    @Test
    void aTamperedIndexIsRefused() throws Exception {
        URI index = publish("0.3.0", sha256(bundle), "release");
        files.put("/channel/index.json", new String(files.get("/channel/index.json")).replace("0.3.0\"", "0.3.1\"")
                .getBytes());
        UpdateChannel channel = channel(index, true);
        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertTrue(channel.status().error().contains("not signed by the release key"), channel.status().error());
        assertTrue(installed.isEmpty());
    }

    @Test
    void aBundleWithTheWrongHashIsRefusedAndRemovedBeforeTheAgentSeesIt() throws Exception {
        UpdateChannel channel = channel(publish("0.3.0", sha256("other".getBytes()), "release"), true);
        channel.check("0.2.0", (file, options) -> installed.add(file));
        assertTrue(channel.status().error().contains("sha256"), channel.status().error());
        assertTrue(installed.isEmpty());
        assertFalse(Files.exists(data.resolve("upgrade/download.part")));
    }
}
