package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of a real gateway after real calls: a sipp call with G.711 through the relay, and one to a busy
 * callee. The plain-HTTP listener ({@code metrics.listen}) serves them; Prometheus's own linter accepts the
 * exposition ({@code promtool check metrics}); the counters say what happened.
 */
class MetricsIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;
    static int metricsPort;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        metricsPort = Ports.free();
        for (String user : List.of("bob", "carol")) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                relay:
                  always-anchor: true
                  port-min: 22000
                  port-max: 22999
                metrics:
                  listen: 127.0.0.1:%d
                """.formatted(metricsPort), List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void callsRegistrationsAndRelayTrafficShowInAnExpositionPrometheusAccepts() throws Exception {
        Sipp.Running carol = callee("carol", "uas-busy.xml", 5, false);
        Sipp.Result busy = Sipp.run(dir.resolve("yan"), List.of(), "uac-expect.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "carol",
                        "-key", "domain", "127.0.0.1", "-key", "caller", "yan", "-key", "caller_domain",
                        "198.51.100.7"));
        assertEquals(486, busy.lastReceived().status());
        carol.await();
        Sipp.Running bob = callee("bob", "uas-answer.xml", 14, true);
        String before = scrape();
        assertEquals(2.0, value(before, "natterjack_registrations").orElseThrow(), "carol's and bob's: " + before);

        Sipp.Result answered = Sipp.run(dir.resolve("zoe"), List.of(), "uac-call-media.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-mp", Integer.toString(Ports.free()),
                        "-key", "callee", "bob", "-key", "domain", "127.0.0.1", "-key", "caller", "zoe",
                        "-key", "caller_domain", "198.51.100.7", "-d", "8000"));
        assertEquals(0, answered.exitCode(), "the call with media was set up and hung up");
        bob.await();

        try (DatagramSocket junk = new DatagramSocket()) {
            byte[] garbage = "INVITE this is not SIP\r\nVia: nothing\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            junk.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), port));
        }
        Thread.sleep(300);

        String text = scrape();
        assertTrue(value(text, "natterjack_sip_parse_failures_total").orElseThrow() >= 1, text);
        assertTrue(text.contains("natterjack_sip_parse_failures_total{node=\"local\"} "), "each series names its node");
        assertTrue(value(text, "natterjack_sip_requests_sent_total{method=\"INVITE\"}").orElseThrow() >= 2,
                "both calls went on to their callee: " + text);
        assertTrue(value(text, "natterjack_sip_responses_sent_total{class=\"2xx\"}").orElseThrow() >= 3,
                "the REGISTERs' and the answered call's 200s: " + text);
        assertEquals(1.0, value(text, "natterjack_calls_total{outcome=\"answered\"}").orElseThrow(), text);
        assertEquals(1.0, value(text, "natterjack_calls_total{outcome=\"busy\"}").orElseThrow(), text);
        assertEquals(0.0, value(text, "natterjack_calls_total{outcome=\"failed\"}").orElseThrow(), text);
        assertEquals(2.0, value(text, "natterjack_call_setup_seconds_count").orElseThrow(), text);
        assertEquals(0.0, value(text, "natterjack_calls_setting_up").orElseThrow(), text);
        assertTrue(value(text, "natterjack_relay_packets_total").orElseThrow() >= 400,
                "the caller's ~236 packets and their echo went through the relay: " + text);
        assertTrue(value(text, "natterjack_relay_bytes_total").orElseThrow() > 400 * 172, text);
        assertEquals(2.0, value(text, "natterjack_register_responses_total{status=\"200\"}").orElseThrow(), text);
        assertTrue(value(text, "natterjack_sip_requests_received_total{method=\"INVITE\"}").orElseThrow() >= 2, text);
        assertTrue(value(text, "natterjack_sip_responses_received_total{class=\"2xx\"}").orElseThrow() >= 1, text);
        assertTrue(text.contains("\njvm_memory_used_bytes{") && text.contains("\nprocess_cpu_usage{node=\"local\"} "),
                "the JVM's and the process's meters too");
        assertTrue(text.lines().filter(l -> l.startsWith("natterjack_")).noneMatch(l -> l.contains("user=")
                || l.contains("aor=") || l.contains("number=")), "no per-user or per-number labels");

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, promtool.exitValue(), "promtool check metrics: " + verdict);
    }

    @Test
    void anythingButGetMetricsIsRefused() throws Exception {
        HttpResponse<String> other = http("/other");
        assertEquals(404, other.statusCode());
    }

    private static Sipp.Running callee(String user, String scenario, int seconds, boolean echo) throws Exception {
        int sipPort = Ports.free();
        List<String> args = new ArrayList<>(List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                "-mp", Integer.toString(Ports.free()), "-au", user, "-ap", "pw-" + user, "-key", "user", user,
                "-key", "domain", "127.0.0.1", "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + sipPort + ">",
                "-oocsf", Sipp.SCENARIOS.resolve(scenario).toString(), "-d", Integer.toString(seconds * 1000)));
        if (echo) {
            args.add("-rtp_echo");
        }
        Sipp.Running running = Sipp.start(dir.resolve(user), List.of(), "register-and-wait.xml", "127.0.0.1:" + port,
                args);
        gateway.awaitBindings("sip:" + user + "@127.0.0.1", 1);
        return running;
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = http("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    private static HttpResponse<String> http(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sample {@code series} (name and labels, exactly as exposed) has, if exposed. */
    /** The value of {@code series} written without the node label every series carries ({@code node="local"}). */
    private static OptionalDouble value(String text, String series) {
        String unlabelled = text.replace("{node=\"local\"}", "").replace("{node=\"local\",", "{")
                .replace(",node=\"local\"", "");
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(unlabelled);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
