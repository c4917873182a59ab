package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.webadmin.history.CdrExport;
import org.natterjack.webadmin.history.CdrRow;

/**
 * Call detail records and the SIP capture of real calls: a sipp call with G.711 both ways through the relay, then
 * one to a busy callee. Each leaves one record with its outcome, duration, route and, for the relayed call, the
 * packets of each direction and a MOS; the API's CSV and JSON exports carry the same rows; the Calls history page
 * finds them. The answered call's ladder shows its messages in order between caller, gateway and callee; its pcap
 * reads in tshark as SIP with its Call-ID; a UDP listener standing in for Homer gets each message as HEPv3, with
 * the credentials of the REGISTERs masked.
 */
class CallHistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachCallLeavesOneRecordWithItsOutcomeAndVoiceQuality() throws Exception {
        int sipPort = Ports.free();
        int adminPort = Ports.free();
        try (HepCollector homer = new HepCollector();
             GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                relay:
                  always-anchor: true
                  port-min: 26400
                  port-max: 26499
                capture:
                  hep:
                    address: 127.0.0.1:%d
                    agent-id: 77
                """.formatted(homer.port()), List.of(), "--listen", "127.0.0.1:" + sipPort,
                     "--admin-listen", "127.0.0.1:" + adminPort)) {
            AdminClient admin = AdminClient.setUpAdmin(gateway, adminPort, "operator-password");
            for (String user : List.of("bob", "carol")) {
                assertEquals(201, admin.json("POST", "/api/v1/users",
                        "{\"username\":\"" + user + "\",\"password\":\"pw-" + user + "\"}").status());
            }
            Sipp.Running bob = callee(gateway, sipPort, "bob", "uas-answer.xml", 10, true);
            Sipp.Result answered = Sipp.run(dir.resolve("zoe"), List.of(), "uac-call-media.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                            "-mp", Integer.toString(Ports.free()), "-key", "callee", "bob", "-key", "domain",
                            "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7",
                            "-d", "4000"));
            assertEquals(0, answered.exitCode(), "the call with media was set up and hung up: " + answered.screen());
            bob.await();
            Sipp.Running carol = callee(gateway, sipPort, "carol", "uas-busy.xml", 5, false);
            Sipp.Result busy = Sipp.run(dir.resolve("yan"), List.of(), "uac-expect.xml", "127.0.0.1:" + sipPort,
                    List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "carol",
                            "-key", "domain", "127.0.0.1", "-key", "caller", "yan", "-key", "caller_domain",
                            "198.51.100.7"));
            assertEquals(486, busy.lastReceived().status());
            carol.await();

            List<CdrRow> rows = awaitRecords(admin, 2);
            CdrRow busyRow = rows.get(0);
            CdrRow call = rows.get(1);
            assertEquals("busy", busyRow.outcome());
            assertEquals(486, busyRow.status());
            assertEquals("yan", busyRow.caller());
            assertNull(busyRow.answered());
            assertNull(busyRow.hungUpBy());
            assertEquals(0, busyRow.durationSeconds());

            assertEquals("answered", call.outcome());
            assertEquals(200, call.status());
            assertEquals("zoe", call.caller());
            assertEquals("bob", call.dialled());
            assertEquals("user:bob", call.destination());
            assertEquals("local user", call.route());
            assertEquals("caller", call.hungUpBy(), "sipp's caller sends the BYE");
            assertTrue(call.durationSeconds() >= 3 && call.durationSeconds() <= 7,
                    "the caller hangs up after its 4 s pause: " + call);
            assertTrue(call.relayed());
            assertTrue(call.callerPackets() >= 75, "G.711 at 50 packets/s for about 3 s until the BYE: " + call);
            assertTrue(call.calleePackets() >= 75, "the callee echoes them: " + call);
            assertTrue(call.mos() >= 4.0 && call.mos() <= 4.5, "no loss on loopback: " + call);
            assertFalse(call.oneWayAudio());
            assertFalse(call.poor());

            AdminClient.Response csv = admin.get("/api/v1/cdrs?format=csv");
            assertEquals(200, csv.status(), csv.body());
            assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().startsWith("callId,started,answered,ended,durationSeconds,caller,"), csv.body());
            List<CdrRow> fromCsv = new ArrayList<>();
            CsvMapper reader = CsvMapper.builder().enable(CsvParser.Feature.EMPTY_STRING_AS_NULL).build();
            try (MappingIterator<CdrRow> it = reader.readerFor(CdrRow.class).with(CdrExport.schema())
                    .readValues(csv.body())) {
                it.forEachRemaining(fromCsv::add);
            }
            assertEquals(rows, fromCsv, "CSV and JSON carry the same records");

            assertEquals(List.of(call.callId()), ids(admin, "/api/v1/cdrs?outcome=answered&number=bo"));
            assertEquals(List.of(), ids(admin, "/api/v1/cdrs?poor=true"));
            assertEquals(List.of(busyRow.callId()), ids(admin, "/api/v1/cdrs?user=carol&from="
                    + call.started().substring(0, 10)));
            AdminClient.Response bad = admin.get("/api/v1/cdrs?from=yesterday");
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("from: a time like"), bad.body());

            String page = admin.get("/calls/history?number=zoe").body();
            assertTrue(page.contains("data-call-id=\"" + call.callId() + "\""), page);
            assertFalse(page.contains(busyRow.callId()), "the search left the busy call out");

            ladderShowsTheCall(admin, call.callId());
            List<String> captured = capturedTexts(admin, call.callId());
            pcapReadsAsSip(admin, call.callId(), captured.size());
            homerGotEveryMessage(homer, call.callId(), captured);
        }
    }

    /** The ladder: caller, gateway and callee as columns, and the call's messages in order. */
    private static void ladderShowsTheCall(AdminClient admin, String callId) throws Exception {
        String page = admin.get("/calls/ladder?callId=" + URLEncoder.encode(callId, StandardCharsets.UTF_8)).body();
        int svg = page.indexOf("<svg");
        assertTrue(svg > 0, page);
        List<String> parties = new ArrayList<>();
        Matcher party = Pattern.compile("font-weight=\"bold\">([^<]+)</text>").matcher(page);
        while (party.find()) {
            parties.add(party.group(1));
        }
        assertEquals(List.of("caller zoe", "Natterjack", "callee user:bob"), parties, "named from the call's record");
        List<String> labels = new ArrayList<>();
        Matcher label = Pattern.compile("text-anchor=\"middle\" fill=\"#[0-9a-f]+\">([^<]+)</text></a>")
                .matcher(page);
        while (label.find()) {
            labels.add(label.group(1));
        }
        List<String> expected = List.of("INVITE", "100 Trying", "180 Ringing", "200 OK", "ACK", "BYE", "200 OK");
        int at = 0;
        for (String l : labels) {
            if (at < expected.size() && l.equals(expected.get(at))) {
                at++;
            }
        }
        assertEquals(expected.size(), at, "in order within " + labels);
        assertTrue(labels.size() >= 13, "both legs of each: " + labels);
        assertTrue(page.contains("id=\"msg-1\"") && page.contains("href=\"#msg-1\""), "arrows link to messages");
    }

    private static List<String> capturedTexts(AdminClient admin, String callId) throws Exception {
        AdminClient.Response r = admin.get("/api/v1/capture?callId=" + URLEncoder.encode(callId,
                StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        List<String> texts = new ArrayList<>();
        JSON.readTree(r.body()).forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    /** tshark (Wireshark) reads the download as SIP: every packet a SIP message of this call. */
    private void pcapReadsAsSip(AdminClient admin, String callId, int messages) throws Exception {
        HttpResponse<byte[]> pcap = admin.getBytes("/calls/ladder.pcap?callId="
                + URLEncoder.encode(callId, StandardCharsets.UTF_8));
        assertEquals(200, pcap.statusCode());
        Path file = Files.write(dir.resolve("call.pcap"), pcap.body());
        Process tshark = new ProcessBuilder("tshark", "-r", file.toString(), "-Y", "sip", "-T", "fields",
                "-e", "sip.Call-ID", "-e", "sip.Method", "-e", "sip.Status-Code")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tshark.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(messages, lines.size(), "every message decoded as SIP: " + out);
        assertTrue(lines.stream().allMatch(l -> l.startsWith(callId + "\t")), out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\tINVITE")) && lines.stream()
                .anyMatch(l -> l.contains("\tBYE")) && lines.stream().anyMatch(l -> l.endsWith("\t180")), out);
    }

    /** The collector got each message of the call, the same text the API shows, and masked credentials. */
    private static void homerGotEveryMessage(HepCollector homer, String callId, List<String> captured)
            throws Exception {
        List<HepCollector.Packet> packets = homer.awaitCall(callId, captured.size());
        assertEquals(captured, packets.stream().map(HepCollector.Packet::payload).toList());
        assertTrue(packets.stream().allMatch(p -> p.agentId() == 77 && p.sourcePort() > 0));
        List<String> registers = homer.all().stream().map(HepCollector.Packet::payload)
                .filter(p -> p.startsWith("REGISTER") && p.contains("Authorization")).toList();
        assertFalse(registers.isEmpty(), "bob's and carol's authenticated REGISTERs");
        assertTrue(registers.stream().allMatch(p -> p.contains("[masked]") && !p.contains("response=")), registers
                .toString());
    }

    private Sipp.Running callee(GatewayProcess gateway, int sipPort, String user, String scenario,
                                       int seconds, boolean echo) throws Exception {
        int port = Ports.free();
        List<String> args = new ArrayList<>(List.of("-i", "127.0.0.1", "-p", Integer.toString(port),
                "-mp", Integer.toString(Ports.free()), "-au", user, "-ap", "pw-" + user, "-key", "user", user,
                "-key", "domain", "127.0.0.1", "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + port + ">",
                "-oocsf", Sipp.scenario(scenario).toString(), "-d", Integer.toString(seconds * 1000)));
        if (echo) {
            args.add("-rtp_echo");
        }
        Sipp.Running running = Sipp.start(dir.resolve(user), List.of(),
                "register-and-wait.xml", "127.0.0.1:" + sipPort, args);
        gateway.awaitBindings("sip:" + user + "@127.0.0.1", 1);
        return running;
    }

    /** Polls the export (bounded: 10 s) until {@code count} records are there (they are written every second). */
    private static List<CdrRow> awaitRecords(AdminClient admin, int count) throws Exception {
        String body = "";
        for (int i = 0; i < 100; i++) {
            AdminClient.Response r = admin.get("/api/v1/cdrs");
            assertEquals(200, r.status(), r.body());
            body = r.body();
            List<CdrRow> rows = JSON.readValue(body, new TypeReference<List<CdrRow>>() { });
            if (rows.size() >= count) {
                assertEquals(count, rows.size(), "one record per call: " + body);
                return rows;
            }
            Thread.sleep(100);
        }
        fail("no " + count + " call records: " + body);
        return List.of();
    }

    private static List<String> ids(AdminClient admin, String path) throws Exception {
        AdminClient.Response r = admin.get(path);
        assertEquals(200, r.status(), r.body());
        return JSON.readValue(r.body(), new TypeReference<List<CdrRow>>() { }).stream().map(CdrRow::callId).toList();
    }
}
