package org.natterjack.pstn.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stand-in for Asterisk's manager interface on loopback, speaking the AMI text protocol: a banner, then
 * actions answered with {@code Response: Success} (or what {@link #answer} says), and events pushed by the test.
 * One client at a time; a dropped client may connect again.
 */
public final class FakeAmi implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private volatile Function<Map<String, String>, String> answer = action -> "";
    private volatile Socket client;
    private volatile boolean answerPings = true;
    private volatile Predicate<Map<String, String>> refused = action -> false;

    public FakeAmi() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-ami");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What to add after the Success response of an action: more headers, then events (blank line first). */
    public void answer(Function<Map<String, String>, String> extra) {
        this.answer = extra;
    }

    /** Actions matching {@code refuse} are answered {@code Response: Error} ({@code Message: No such channel}). */
    public void refuse(Predicate<Map<String, String>> refuse) {
        this.refused = refuse;
    }

    void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    public List<Map<String, String>> actions() {
        return actions;
    }

    /** Pushes event text (header lines with CRLF, without the final blank line) to the connected client. */
    public synchronized void send(String event) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write((event.strip().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    boolean connected() {
        Socket c = client;
        return c != null && !c.isClosed();
    }

    /** Closes the client's connection, as an Asterisk that died would. */
    void drop() throws IOException {
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                client = socket;
                synchronized (this) {
                    socket.getOutputStream().write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.UTF_8));
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                Map<String, String> action = new LinkedHashMap<>();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        action.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
                        continue;
                    }
                    if (!action.isEmpty()) {
                        actions.add(action);
                        reply(action);
                    }
                    action = new LinkedHashMap<>();
                }
            } catch (IOException e) {
                // The client went away (or the test dropped it): wait for the next one.
            }
        }
    }

    private synchronized void reply(Map<String, String> action) throws IOException {
        String name = action.getOrDefault("action", "").toLowerCase();
        if (name.equals("ping") && !answerPings) {
            return;
        }
        if (refused.test(action)) {
            client.getOutputStream().write(("Response: Error\r\nActionID: " + action.get("actionid")
                    + "\r\nMessage: No such channel\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            return;
        }
        StringBuilder text = new StringBuilder("Response: Success\r\nActionID: " + action.get("actionid") + "\r\n");
        if (name.equals("coresettings")) {
            text.append("AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\n");
        } else if (name.equals("ping")) {
            text.append("Ping: Pong\r\n");
        } else if (name.equals("command")) {
            text.append("Message: Command output follows\r\nOutput: \r\n");
        }
        text.append(answer.apply(action).replace("{id}", action.get("actionid")).replace("\n", "\r\n")
                .replace("\r\r\n", "\r\n"));
        if (!text.toString().endsWith("\r\n\r\n")) {
            text.append("\r\n");
        }
        client.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        drop();
    }
}
