package org.natterjack.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;

/**
 * A hand-driven tunnel client (the JDK's WebSocket client, trusting any certificate) for what a real agent never
 * sends: broken frames, replayed proofs, silence.
 */
final class RawTunnelClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private RawTunnelClient(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
        socket = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()
                .newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + port + "/tunnel"), new WebSocket.Listener() {
                    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        parts.writeBytes(bytes);
                        if (last) {
                            received.add(Frame.decode(parts.toByteArray()));
                            parts.reset();
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.complete("close " + status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete("error " + error);
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    static RawTunnelClient connect(int port) throws Exception {
        return new RawTunnelClient(port);
    }

    void send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(5, TimeUnit.SECONDS);
    }

    void send(ControlMessage message) throws Exception {
        send(Frame.control(message.encode()).encode());
    }

    /** The next control message (bounded wait), or null. */
    ControlMessage control() throws InterruptedException {
        Frame frame = received.poll(10, TimeUnit.SECONDS);
        return frame == null ? null : ControlMessage.decode(frame.payload());
    }

    /** True once the gateway ended the connection, within {@code seconds}. */
    boolean closedWithin(int seconds) {
        try {
            closed.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
