package org.natterjack.sip.transport.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Messages for the differential test and the parser bench: the RFC 4475 torture messages, every message
 * the repository's sipp scenarios send (keywords filled in with IPv4 and IPv6 addresses), and messages
 * the gateway itself sends.
 */
final class Corpus {

    /** A message and where it came from. */
    record Message(String label, byte[] octets) {
        String text() {
            return new String(octets, StandardCharsets.ISO_8859_1);
        }
    }

    /** The directories with sipp scenarios, relative to the gateway module. */
    static final List<Path> SCENARIO_DIRS = List.of(Path.of("src/test/sipp"), Path.of("../bench/proxy/scenarios"),
            Path.of("../bench/registrar/scenarios"), Path.of("../interop"));

    private static final Pattern SEND = Pattern.compile("<send[^>]*>\\s*<!\\[CDATA\\[(.*?)]]>", Pattern.DOTALL);
    private static final Pattern KEYWORD = Pattern.compile("\\[([^\\]\\[\\r\\n]+)]");

    private Corpus() {
    }

    /** Every file of the RFC 4475 directory, whatever its name. */
    static List<Message> rfc4475() {
        Path dir = Path.of("src/test/resources/rfc4475");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sip")).sorted()
                    .map(f -> new Message("rfc4475/" + f.getFileName(), read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sent message of every scenario, once with IPv4 and once with IPv6 addresses. */
    static List<Message> sipp() {
        List<Message> messages = new ArrayList<>();
        for (Path dir : SCENARIO_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".xml") && !f.endsWith("pom.xml")).sorted()
                        .toList()) {
                    Matcher send = SEND.matcher(new String(read(file), StandardCharsets.ISO_8859_1));
                    for (int i = 0; send.find(); i++) {
                        messages.add(fromSipp(file + "#" + i + "/v4", send.group(1), SippKeywords.V4));
                        messages.add(fromSipp(file + "#" + i + "/v6", send.group(1), SippKeywords.V6));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** As sipp sends it: lines stripped of indentation, CRLF, keywords replaced, [len] the body's length. */
    private static Message fromSipp(String label, String template, Map<String, String> keywords) {
        List<String> lines = template.strip().lines().map(String::strip).toList();
        int blank = lines.indexOf("");
        List<String> head = blank < 0 ? lines : lines.subList(0, blank);
        List<String> bodyLines = blank < 0 ? List.of() : lines.subList(blank + 1, lines.size());
        String body = bodyLines.stream().map(l -> fill(l, keywords) + "\r\n").reduce("", String::concat);
        StringBuilder out = new StringBuilder();
        for (String line : head) {
            String filled = fill(line, keywords).replace("[len]", Integer.toString(body.length()));
            if (!filled.isEmpty()) {
                out.append(filled).append("\r\n");
            }
        }
        out.append("\r\n").append(body);
        return new Message("sipp:" + label, out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String fill(String line, Map<String, String> keywords) {
        Matcher m = KEYWORD.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals("len") ? "[len]" : keywords.getOrDefault(key.split(" ")[0], "x" + key.length());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Messages the gateway sends (Record-Route with flow tokens, Via received/rport, RFC 5626 Contacts, Path, digest challenges and credentials). */
    static List<Message> gatewaySent() {
        String via = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-gw-1f2e3d\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.7:5062;received=198.51.100.7;rport=40123;branch=z9hG4bK-4242-7-0\r\n";
        String rr = "Record-Route: <sip:AbCd-_EfGh0123456789xyzXYZ@192.0.2.1:5060;transport=udp;lr>\r\n";
        String dialog = "From: \"Alice \\\"A\\\" Smith\" <sip:alice@example.com>;tag=4242SIPpTag017\r\n"
                + "To: <sip:bob@example.com>;tag=peer-77\r\n"
                + "Call-ID: 7-4242@10.0.0.7\r\n";
        return List.of(
                new Message("gw/invite-relayed", ("INVITE sip:bob@10.11.12.15:5060;transport=udp SIP/2.0\r\n"
                        + via + rr + "Max-Forwards: 69\r\n" + dialog.replace(";tag=peer-77", "")
                        + "CSeq: 1 INVITE\r\nContact: <sip:alice@10.0.0.7:5062;ob>\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/200-invite", ("SIP/2.0 200 OK\r\n" + via + rr.replace("@192.0.2.1:5060", "@[2001:db8::1]:5060")
                        + rr + dialog + "CSeq: 1 INVITE\r\nContact: <sip:bob@10.11.12.15:5060>\r\n"
                        + "Server: Natterjack\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/bye-routed", ("BYE sip:bob@10.11.12.15:5060 SIP/2.0\r\n" + via
                        + "Route: <sip:AbCd-_EfGh0123456789@192.0.2.1:5060;transport=udp;lr>, <sip:192.0.2.9;lr>\r\n"
                        + "Max-Forwards: 70\r\n" + dialog + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/200-register", ("SIP/2.0 200 OK\r\n"
                        + "Via: SIP/2.0/UDP [2001:db8::7]:5062;received=2001:db8::7;rport=5062;branch=z9hG4bK-r1\r\n"
                        + "From: <sip:alice@example.com>;tag=r1\r\nTo: <sip:alice@example.com>;tag=gw-9\r\n"
                        + "Call-ID: reg-1@10.0.0.7\r\nCSeq: 3 REGISTER\r\n"
                        + "Contact: <sip:alice@10.0.0.7:5062;transport=tcp;ob>;expires=3600;"
                        + "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1\r\n"
                        + "Path: <sip:AbCd@192.0.2.1:5060;lr;ob>\r\nSupported: outbound, path\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/register-auth", ("REGISTER sip:example.com SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 10.0.0.7:5062;rport;branch=z9hG4bK-r2\r\nMax-Forwards: 70\r\n"
                        + "From: alice <sip:alice@example.com>;tag=r1\r\nTo: sip:alice@example.com\r\n"
                        + "Call-ID: reg-1@10.0.0.7\r\nCSeq: 4 REGISTER\r\n"
                        + "Contact: <sip:alice@10.0.0.7:5062>;expires=3600, <sips:alice@[2001:db8::7]:5063>;q=0.5\r\n"
                        + "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"abc\", "
                        + "uri=\"sip:example.com\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5\r\n"
                        + "Expires: 3600\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/401-register", ("SIP/2.0 401 Unauthorized\r\n"
                        + "Via: SIP/2.0/UDP 10.0.0.7:5062;received=198.51.100.7;rport=40123;branch=z9hG4bK-r2\r\n"
                        + "From: alice <sip:alice@example.com>;tag=r1\r\nTo: sip:alice@example.com;tag=gw-401\r\n"
                        + "Call-ID: reg-1@10.0.0.7\r\nCSeq: 4 REGISTER\r\n"
                        + "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"MTcwMDAwMDAwMDo2YjQ1ZmE=\", "
                        + "opaque=\"\", algorithm=SHA-256, qop=\"auth\"\r\n"
                        + "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"MTcwMDAwMDAwMDo2YjQ1ZmE=\", "
                        + "algorithm=MD5, qop=\"auth,auth-int\", stale=FALSE\r\n"
                        + "Server: Natterjack\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/407-invite", ("SIP/2.0 407 Proxy Authentication Required\r\n" + via
                        + dialog.replace("tag=peer-77", "tag=gw-407") + "CSeq: 1 INVITE\r\n"
                        + "Proxy-Authenticate: Digest realm=\"example.com\",nonce=\"bm9uY2U=\",stale=true,"
                        + "algorithm=MD5,qop=\"auth\"\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/invite-proxy-auth", ("INVITE sip:bob@example.com SIP/2.0\r\n" + via
                        + "Max-Forwards: 70\r\n" + dialog.replace(";tag=peer-77", "") + "CSeq: 2 INVITE\r\n"
                        + "Proxy-Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"bm9uY2U=\", "
                        + "uri=\"sip:bob@example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=SHA-256, "
                        + "cnonce=\"0a4f113b\", opaque=\"\", qop=auth, nc=00000001\r\n"
                        + "Contact: <sip:alice@10.0.0.7:5062>\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)),
                new Message("gw/unregister-all", ("REGISTER sip:example.com SIP/2.0\r\n"
                        + "v: SIP/2.0/TCP 10.0.0.7;branch=z9hG4bK-r3\r\nMax-Forwards: 70\r\n"
                        + "f: <sip:alice@example.com>;tag=r1\r\nt: <sip:alice@example.com>\r\n"
                        + "i: reg-2@10.0.0.7\r\nCSeq: 5 REGISTER\r\nm: *\r\nExpires: 0\r\nl: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
