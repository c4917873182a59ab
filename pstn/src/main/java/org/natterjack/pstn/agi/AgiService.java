package org.natterjack.pstn.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server (asterisk-java's {@link DefaultAgiServer}) on loopback, serving the {@code route}
 * script; its accept loop runs on a thread of its own.
 */
public final class AgiService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgiService.class);

    private final DefaultAgiServer server;
    private final Thread thread;

    private AgiService(DefaultAgiServer server, Thread thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Listens on {@code 127.0.0.1:port}.
     *
     * @throws IOException if the port is taken (checked before the server thread starts, so it is reported
     *     here rather than lost on that thread)
     */
    public static AgiService start(int port, InboundRouter router) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket probe = new ServerSocket(port, 1, loopback)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("cannot listen for FastAGI on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        RouteScript script = new RouteScript(router);
        DefaultAgiServer server = new DefaultAgiServer((request, channel) ->
                RouteScript.NAME.equals(request.getScript()) ? script : null);
        server.setAddress(loopback);
        server.setPort(port);
        server.setPoolSize(2);
        server.setMaximumPoolSize(50);
        Thread thread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException | IllegalStateException e) {
                LOG.error("FastAGI server on 127.0.0.1:{} stopped: {}; PSTN calls will be refused (cause 41)",
                        port, e.getMessage());
            }
        }, "natterjack-pstn-agi");
        thread.setDaemon(true);
        thread.start();
        LOG.info("FastAGI: serving agi://127.0.0.1:{}/{}", port, RouteScript.NAME);
        return new AgiService(server, thread);
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IllegalStateException e) {
            // Never started or already down.
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
