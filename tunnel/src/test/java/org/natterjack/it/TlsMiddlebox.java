package org.natterjack.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A TLS-intercepting middlebox, as corporate firewalls run them: it ends the client's TLS with its own certificate
 * (made with openssl) and opens its own TLS to the gateway, passing the octets between.
 */
final class TlsMiddlebox implements AutoCloseable {

    private final ServerSocket listener;
    private final String fingerprint;
    private final Thread acceptor;

    TlsMiddlebox(Path dir, int gatewayPort) throws Exception {
        Files.createDirectories(dir);
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=middlebox", "-days", "1");
        run(dir, "openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "box.p12",
                "-passout", "pass:box");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("box.p12"))) {
            store.load(in, "box".toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "box".toCharArray());
        SSLContext server = SSLContext.getInstance("TLSv1.3");
        server.init(keys.getKeyManagers(), null, null);
        SSLContext client = SSLContext.getInstance("TLSv1.3");
        client.init(null, new TrustManager[] {new TrustingEveryone()}, null);
        listener = server.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    SSLSocket in = (SSLSocket) listener.accept();
                    SSLSocket out = (SSLSocket) client.getSocketFactory().createSocket(
                            InetAddress.getLoopbackAddress(), gatewayPort);
                    pipe(in, out);
                    pipe(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        }, "middlebox");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The middlebox's own certificate fingerprint (what a fooled agent would be told to pin). */
    String fingerprint() {
        return fingerprint;
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // either side closed
            }
        }, "middlebox-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
