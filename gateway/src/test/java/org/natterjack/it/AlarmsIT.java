package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alarm raised and cleared by a real gateway: a relay with two port pairs, all taken by one anchored call, is
 * "nearly exhausted" (critical at none free) while the call lasts; the alarm is exported as a metric, logged once
 * when raised and once when cleared.
 */
class AlarmsIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;
    static int metricsPort;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        metricsPort = Ports.free();
        GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", "bob", "--password", "pw-bob");
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                relay:
                  always-anchor: true
                  port-min: 23000
                  port-max: 23003
                metrics:
                  listen: 127.0.0.1:%d
                """.formatted(metricsPort), List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void relayPortsExhaustedByACallRaiseAnAlarmThatClearsWhenTheCallEnds() throws Exception {
        int sipPort = Ports.free();
        Sipp.Running bob = Sipp.start(dir.resolve("bob"), List.of(), "register-and-wait.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mp", Integer.toString(Ports.free()),
                        "-au", "bob", "-ap", "pw-bob", "-key", "user", "bob", "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:bob@127.0.0.1:" + sipPort + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", "30000", "-rtp_echo"));
        gateway.awaitBindings("sip:bob@127.0.0.1", 1);
        assertEquals(0.0, critical(scrape()), "no alarm before the call");

        Sipp.Running zoe = Sipp.start(dir.resolve("zoe"), List.of(), "uac-call-media.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-mp", Integer.toString(Ports.free()),
                        "-key", "callee", "bob", "-key", "domain", "127.0.0.1", "-key", "caller", "zoe",
                        "-key", "caller_domain", "198.51.100.7", "-d", "15000"));
        String during = awaitScrape(text -> critical(text) == 1.0, "the alarm raised during the call (checked every 10 s)");
        assertTrue(during.contains("natterjack_relay_port_pairs_free{interface=\"0.0.0.0\",node=\"local\"} 0.0"), during);
        assertEquals(0, zoe.await().exitCode(), "the call itself went through");

        awaitScrape(text -> critical(text) == 0.0, "the alarm cleared after the call");
        String log = gateway.log();
        assertEquals(1, count(log, "Alarm relay-ports.0.0.0.0 raised (CRITICAL): relay ports nearly exhausted"), log);
        assertEquals(1, count(log, "Alarm relay-ports.0.0.0.0 cleared"), log);
        bob.process().destroy();
    }

    private static double critical(String text) {
        Matcher m = Pattern.compile("^natterjack_alarms_active\\{node=\"local\",severity=\"critical\"} (\\S+)$", Pattern.MULTILINE)
                .matcher(text);
        assertTrue(m.find(), text);
        return Double.parseDouble(m.group(1));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Scrapes until {@code condition} holds (bounded: 30 s). */
    private static String awaitScrape(Predicate<String> condition, String what) throws Exception {
        String text = "";
        for (int i = 0; i < 60; i++) {
            text = scrape();
            if (condition.test(text)) {
                return text;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": " + text);
    }

    private static String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
