package org.natterjack.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server (Debian dnsmasq) on loopback, serving the records a test gives as dnsmasq options
 * ({@code --naptr-record=...}, {@code --srv-host=...}, {@code --host-record=...}) and authoritative for
 * {@code .test}, so unknown names get NXDOMAIN.
 */
final class Dnsmasq implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Dnsmasq start(Path dir, List<String> records) throws IOException {
        int port = Ports.free();
        Files.createDirectories(dir);
        Path log = dir.resolve("dnsmasq.log");
        List<String> cmd = new ArrayList<>(List.of("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--pid-file=", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--local=/test/", "--log-queries", "--log-facility=-"));
        cmd.addAll(records);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Dnsmasq dns = new Dnsmasq(p, port, log);
        dns.awaitAnswering();
        return dns;
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends a query for the root NS until dnsmasq answers (bounded: 5 s). */
    private void awaitAnswering() throws IOException {
        byte[] query = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1};
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(200);
            for (int attempt = 0; attempt < 25; attempt++) {
                if (!process.isAlive()) {
                    throw new IOException("dnsmasq exited: " + log());
                }
                s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
                try {
                    s.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException notYet) {
                    // Not listening yet; the receive timeout paced this attempt.
                }
            }
        }
        throw new IOException("dnsmasq did not answer on port " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
