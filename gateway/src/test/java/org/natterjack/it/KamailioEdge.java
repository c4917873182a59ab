package org.natterjack.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kamailio (Debian's package) on loopback as an edge proxy in front of the gateway: it relays REGISTERs with a
 * Path naming itself and the client's packet source, and delivers what comes back along that Path
 * ({@code src/test/kamailio/edge.cfg}).
 */
final class KamailioEdge implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private KamailioEdge(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KamailioEdge start(Path dir, int gatewayPort) throws IOException, InterruptedException {
        int port = Ports.free();
        Files.createDirectories(dir);
        String cfg = Files.readString(Path.of("src/test/kamailio/edge.cfg"))
                .replace("@PORT@", Integer.toString(port))
                .replace("@GATEWAY_PORT@", Integer.toString(gatewayPort))
                .replace("@MODULES@", modules().toString());
        Path file = dir.resolve("edge.cfg");
        Files.writeString(file, cfg);
        Path log = dir.resolve("kamailio.log");
        Process p = new ProcessBuilder("kamailio", "-f", file.toString(), "-DD", "-E", "-m", "32", "-M", "8",
                "-w", dir.toString(), "-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KamailioEdge edge = new KamailioEdge(p, port, log);
        edge.awaitAnswering();
        return edge;
    }

    /** Debian installs the modules under the architecture's library directory. */
    private static Path modules() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.map(d -> d.resolve("kamailio/modules")).filter(d -> Files.exists(d.resolve("path.so")))
                    .findFirst().orElseThrow(() -> new IOException("no Kamailio modules under /usr/lib/*/kamailio"));
        }
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends OPTIONS (relayed to the gateway) until a response comes back (bounded: 10 s). */
    private void awaitAnswering() throws IOException, InterruptedException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(200);
            for (int attempt = 0; attempt < 50; attempt++) {
                if (!process.isAlive()) {
                    throw new IOException("kamailio exited: " + log());
                }
                String options = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-edge-" + attempt + ";rport\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\n"
                        + "Call-ID: edge-probe-" + attempt + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                try {
                    byte[] buf = new byte[4096];
                    s.receive(new DatagramPacket(buf, buf.length));
                    return;
                } catch (SocketTimeoutException e) {
                    // not up yet
                }
            }
        }
        throw new IOException("kamailio did not answer within 10 s: " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
