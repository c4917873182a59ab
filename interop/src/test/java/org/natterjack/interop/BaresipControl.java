package org.natterjack.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * baresip's {@code ctrl_tcp} channel: netstring-framed JSON commands ({@code {"command","params","token"}}),
 * their responses ({@code {"response":true,"ok","data","token"}}) and the user agent's events
 * ({@code {"event":true,"type","param",...}}). The port listens on the loopback of the client's namespace,
 * which this JVM cannot reach, so a bash {@code /dev/tcp} bridge started in that namespace carries the stream
 * over its stdin and stdout. Every message is logged, with the time it arrived.
 */
final class BaresipControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Put in both queues when the stream ends, so that a waiter fails at once. */
    private static final JsonNode END = JSON.createObjectNode().put("type", "END_OF_STREAM");

    private final Process bridge;
    private final OutputStream out;
    private final PrintStream log;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    private int tokens;

    private BaresipControl(Process bridge, PrintStream log) {
        this.bridge = bridge;
        this.out = bridge.getOutputStream();
        this.log = log;
        Thread reader = new Thread(this::read, "baresip-ctrl-" + bridge.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code 127.0.0.1:port} in the namespace, retrying for 10 s while baresip starts. */
    static BaresipControl connect(List<String> netns, int port, Path logFile) throws IOException {
        String script = "for i in $(seq 100); do exec 3<>/dev/tcp/127.0.0.1/" + port + " && break; sleep 0.1; done;"
                + " cat <&3 & exec cat >&3";
        List<String> cmd = new ArrayList<>(netns);
        cmd.addAll(List.of("bash", "-c", script));
        Process bridge = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        PrintStream log = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        return new BaresipControl(bridge, log);
    }

    /** Runs a command and returns its output; fails unless baresip answers it with ok=true. */
    synchronized String command(String command, String params, Duration timeout) throws IOException, InterruptedException {
        String token = command + "-" + ++tokens;
        ObjectNode message = JSON.createObjectNode().put("command", command).put("token", token);
        if (params != null) {
            message.put("params", params);
        }
        byte[] body = JSON.writeValueAsBytes(message);
        log.println(LocalTime.now() + " > " + new String(body, StandardCharsets.UTF_8));
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
        JsonNode response = poll(responses, timeout, r -> token.equals(r.path("token").asText()),
                "the response to '" + command + "'");
        if (!response.path("ok").asBoolean()) {
            throw new AssertionError("baresip refused '" + command + " " + params + "': " + response.path("data").asText());
        }
        return response.path("data").asText();
    }

    /** The first event (type, param, ...) that {@code wanted} accepts; those before it are skipped. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout, String what) throws InterruptedException {
        return poll(events, timeout, wanted, what);
    }

    private JsonNode poll(BlockingQueue<JsonNode> queue, Duration timeout, Predicate<JsonNode> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("baresip did not report " + what + " within " + timeout.toSeconds() + " s");
            }
            if (next == END) {
                queue.add(END);
                throw new AssertionError("baresip's control channel closed while waiting for " + what);
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    private void read() {
        try (InputStream in = bridge.getInputStream()) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < '0' || c > '9') {
                        return;   // end of stream (or a framing error, which ends it too)
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length || in.read() != ',') {
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                if (!text.contains("\"VU_")) {
                    log.println(LocalTime.now() + " < " + text);
                }
                JsonNode message = JSON.readTree(body);
                (message.path("response").asBoolean() ? responses : events).add(message);
            }
        } catch (IOException e) {
            log.println(LocalTime.now() + " ! " + e);
        } finally {
            log.println(LocalTime.now() + " ! end of stream");
            events.add(END);
            responses.add(END);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> reader = bridge.descendants().toList();   // the background cat, before it is orphaned
        try {
            out.close();   // ends the bridge's writing side
        } catch (IOException e) {
            // already gone
        }
        reader.forEach(ProcessHandle::destroy);
        bridge.destroy();
        try {
            if (!bridge.waitFor(5, TimeUnit.SECONDS)) {
                reader.forEach(ProcessHandle::destroyForcibly);
                bridge.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
