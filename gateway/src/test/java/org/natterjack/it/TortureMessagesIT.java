package org.natterjack.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 4475 torture messages (fixtures in {@code src/test/resources/rfc4475}, see the README there) sent
 * as raw octets to a running gateway: every one over UDP, those about framing or streams over TCP as well.
 * Each gets the answer RFC 4475 asks of an element in the gateway's role, or is dropped where the RFC allows
 * it, and after each the gateway still serves.
 *
 * <p>The gateway serves example.com, the domain most messages are for, and trusts 127.0.0.1 as a peer, so
 * requests get past caller authentication to the checks the RFC is about. It has no users: requests for
 * users of example.com end in 404, REGISTERs in a 401 challenge, requests beyond example.com in 403 (no route).
 * Host names resolve from a hosts file that holds localhost only, so the RFC's example hosts fail at once
 * whatever DNS the machine has.
 *
 * <p>The test sends each request as the user agent it is: the top Via names the transport the message goes
 * over and the test's socket as sent-by, so the answer comes back to it (RFC 3261 18.2.2), and its branch
 * gets a suffix unique to the send. A user agent's branches must be unique (RFC 3261 8.1.1.7); the RFC's
 * examples, written as independent messages, share {@code z9hG4bKkdjuw}, and the JAIN-SIP RI finds a server
 * transaction by branch alone (not by branch and sent-by, as RFC 3261 17.2.3 says), so a second request with
 * that branch would be taken for a retransmission of the first and dropped. Nothing else changes: the Via
 * keeps its LWS and folding, and {@code badbranch}, whose empty branch is its point, keeps it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TortureMessagesIT {

    /** How long the first answer is waited for; the RI answers at once, the proxy's 503 after a failed lookup. */
    private static final int WAIT_MILLIS = 3000;
    /** After a final answer: how long a second, different one (which would be wrong) is waited for. */
    private static final int MORE_MILLIS = 600;
    private static final String FIXTURES = "/rfc4475/";
    private static final Pattern STATUS = Pattern.compile("SIP/2\\.0 (\\d{3}) ");
    private static final Pattern TOP_VIA = Pattern.compile("(?im)^(?:via|v)[ \\t]*:");
    private static final Pattern SENT_PROTOCOL = Pattern.compile("(SIP\\s*/\\s*[^/\\s]+\\s*/\\s*)(\\w+)(\\s+)([^;,\\s]+)");
    private static final Pattern BRANCH = Pattern.compile("(?i)branch\\s*=\\s*([^;,\\s]+)");
    private static final AtomicInteger SENDS = new AtomicInteger();

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    /** How a message is judged where its answer is optional (a message dropped over TCP, for one). */
    enum Kind {
        /** Well-formed request (RFC 4475 3.1.1): never 400 (nor 500). */
        VALID,
        /** Malformed request the RFC says to refuse: 4xx-6xx, not 500. */
        INVALID,
        /** Malformed request the RFC allows to refuse with 400 or to accept liberally: final, not 500. */
        TOLERATED,
        /** Well-formed request with an application-level oddity (3.2, 3.3): final, not 500. */
        SEMANTIC,
        /** A response: a response is never answered. */
        RESPONSE
    }

    /** What is expected when a message is sent on a fresh TCP connection. */
    enum OverTcp {
        /** Not sent: the message is about a datagram (dblreq's trailing octets) or only its parsing. */
        NOT_SENT,
        /** Answered on the connection with one of the expected statuses; the connection stays usable. */
        ANSWERED,
        /** Dropped (any answer judged by kind); framed right, so the connection stays usable. */
        DROPPED,
        /** The framing is lost (RFC 4475 3.1.2.3, 3.3.9): answered 400 and the connection closed. */
        CLOSED,
        /** Content-Length promises more than came (3.1.2.2): no answer, the connection kept, waiting. */
        WAITING
    }

    /** One fixture and what is expected of it. */
    static final class Torture {
        final String tag;
        final String section;
        final Kind kind;
        /** Statuses for the one final answer over UDP; empty: no answer at all. */
        Set<Integer> udp = Set.of();
        OverTcp tcp = OverTcp.NOT_SENT;
        /** Statuses for the one final answer over TCP, where {@link #tcp} is {@link OverTcp#ANSWERED}. */
        Set<Integer> tcpStatuses = Set.of();
        final List<String> mustContain = new ArrayList<>();
        final List<String> mustNotContain = new ArrayList<>();

        Torture(String tag, String section, Kind kind) {
            this.tag = tag;
            this.section = section;
            this.kind = kind;
        }

        Torture udp(Integer... statuses) {
            udp = Set.of(statuses);
            return this;
        }

        /** Over TCP it gets the same answer as over UDP. */
        Torture tcpToo() {
            return tcp(OverTcp.ANSWERED, udp.toArray(Integer[]::new));
        }

        Torture tcp(OverTcp expectation, Integer... statuses) {
            tcp = expectation;
            tcpStatuses = Set.of(statuses);
            return this;
        }

        Torture containing(String... texts) {
            mustContain.addAll(List.of(texts));
            return this;
        }

        Torture notContaining(String... texts) {
            mustNotContain.addAll(List.of(texts));
            return this;
        }

        byte[] bytes() throws IOException {
            try (InputStream in = TortureMessagesIT.class.getResourceAsStream(FIXTURES + tag + ".sip")) {
                assertNotNull(in, "fixture " + tag + ".sip missing");
                return in.readAllBytes();
            }
        }

        @Override
        public String toString() {
            return tag + " (" + section + ")";
        }
    }

    private static Torture valid(String tag, String section) {
        return new Torture(tag, section, Kind.VALID);
    }

    private static Torture invalid(String tag, String section) {
        return new Torture(tag, section, Kind.INVALID);
    }

    private static Torture tolerated(String tag, String section) {
        return new Torture(tag, section, Kind.TOLERATED);
    }

    private static Torture semantic(String tag, String section) {
        return new Torture(tag, section, Kind.SEMANTIC);
    }

    private static Torture response(String tag, String section) {
        return new Torture(tag, section, Kind.RESPONSE);
    }

    /**
     * Every fixture, in RFC order, with the gateway's answer. The README of the fixtures explains each choice
     * against the RFC's text; keep the two in step.
     */
    static final List<Torture> CASES = List.of(
            // 3.1.1 valid messages. In-dialog (To tag): routed by its Route, which does not resolve: 503.
            valid("wsinv", "3.1.1.1").udp(503).tcpToo().containing("spindle.example.com", "192.168.255.111"),
            // No user of that name at example.com: 404, as the RFC says of a proxy.
            valid("intmeth", "3.1.1.2").udp(404).tcpToo(),
            // For a user at example.net, beyond our domain, and no route there.
            valid("esc01", "3.1.1.3").udp(403).tcpToo(),
            valid("escnull", "3.1.1.4").udp(401).containing("WWW-Authenticate: Digest"),
            // An unknown method for registrar.example.com, a host without user: not ours, not found.
            valid("esc02", "3.1.1.5").udp(404).tcpToo(),
            valid("lwsdisp", "3.1.1.6").udp(404),
            valid("longreq", "3.1.1.7").udp(404).tcpToo().containing("sip1.example.com", "longreq.onereallyreally"),
            // The INVITE octets after the REGISTER are noise in the datagram: one answer, to the REGISTER.
            valid("dblreq", "3.1.1.8").udp(401).containing("CSeq: 8 REGISTER"),
            valid("semiuri", "3.1.1.9").udp(404),
            valid("transports", "3.1.1.10").udp(404).containing("SIP/2.0/SCTP t2.example.com",
                    "SIP/2.0/TLS t3.example.com", "SIP/2.0/UNKNOWN t4.example.com", "SIP/2.0/TCP t5.example.com"),
            // Its Route names 127.0.0.1:5080, a proxy that is not us, which we do not follow. Over TCP the
            // binary part (NULs, CR and LF octets) is framed by Content-Length alone.
            valid("mpart01", "3.1.1.11").udp(403).tcpToo(),
            response("unreason", "3.1.1.12"),
            response("noreason", "3.1.1.13"),
            // 3.1.2 invalid messages
            invalid("badinv01", "3.1.2.1").udp(400),
            invalid("clerr", "3.1.2.2").udp(400).tcp(OverTcp.WAITING),
            invalid("ncl", "3.1.2.3").udp(400).tcp(OverTcp.CLOSED, 400),
            // Over TCP the RI drops a request it cannot parse instead of answering 400.
            invalid("scalar02", "3.1.2.4").udp(400).tcp(OverTcp.DROPPED),
            response("scalarlg", "3.1.2.5").tcp(OverTcp.DROPPED),
            invalid("quotbal", "3.1.2.6").udp(400),
            tolerated("ltgtruri", "3.1.2.7").udp(400),
            invalid("lwsruri", "3.1.2.8").udp(400),
            // Accepted liberally where the RFC allows it: the extra or trailing SP, the escaped headers.
            tolerated("lwsstart", "3.1.2.9").udp(404),
            tolerated("trws", "3.1.2.10").udp(404).tcpToo(),
            tolerated("escruri", "3.1.2.11").udp(404),
            // MessageLimitsValve refuses a header field the parser could not read, naming it.
            tolerated("baddate", "3.1.2.12").udp(400).containing("Malformed Date Header"),
            tolerated("regbadct", "3.1.2.13").udp(401),
            // Accepted (the spaces ignored, the quotes inferred); for example.org, beyond our domain.
            tolerated("badaspec", "3.1.2.14").udp(403),
            tolerated("baddn", "3.1.2.15").udp(403).tcpToo(),
            invalid("badvers", "3.1.2.16").udp(505).tcpToo(),
            invalid("mismatch01", "3.1.2.17").udp(400),
            // The RFC prefers 501 and accepts 400; the RI answers a CSeq mismatch 400 before the method is seen.
            invalid("mismatch02", "3.1.2.18").udp(400),
            response("bigcode", "3.1.2.19"),
            // 3.2 transaction layer: the RFC 2543 fallback, then the same 404 as any request for that user.
            semantic("badbranch", "3.2.1").udp(404),
            // 3.3 application layer. No Call-ID, From or To: nothing to build an answer from; dropped.
            invalid("insuf", "3.3.1").tcp(OverTcp.DROPPED),
            semantic("unkscm", "3.3.2").udp(416).tcpToo(),
            semantic("novelsc", "3.3.3").udp(416).tcpToo(),
            semantic("unksm2", "3.3.4").udp(400).containing("To is not a SIP address-of-record"),
            // As a proxy: Proxy-Require is ours to check, Require is for the user agent behind us.
            semantic("bext01", "3.3.5").udp(420).tcpToo()
                    .containing("\r\nUnsupported: ", "noProxiesSupportThis", "norDoAnyProxiesSupportThis")
                    .notContaining("nothingSupportsThis"),
            // A proxy processes it like any other INVITE (415 is for the endpoint).
            semantic("invut", "3.3.6").udp(404),
            semantic("regaut01", "3.3.7").udp(401).tcpToo().containing("WWW-Authenticate: Digest"),
            invalid("multi01", "3.3.8").udp(400).tcp(OverTcp.DROPPED),
            invalid("mcl01", "3.3.9").udp(400).tcp(OverTcp.CLOSED, 400),
            // Its second Via is pointed at the test: a proxy must not relay a response whose top Via is not its own.
            response("bcast", "3.3.10"),
            semantic("zeromf", "3.3.11").udp(483),
            semantic("cparam01", "3.3.12").udp(401),
            semantic("cparam02", "3.3.13").udp(401),
            semantic("regescrt", "3.3.14").udp(401),
            // A proxy forwards it whatever its Accept says (406 is for the endpoint).
            semantic("sdp01", "3.3.15").udp(404),
            // 3.4 RFC 2543 syntax. The RI keeps no transaction for an INVITE without Max-Forwards and Contact,
            // so the proxy refuses it, naming what is missing; the RFC leaves backward compatibility optional.
            tolerated("inv2543", "3.4.1").udp(400).containing("Missing a required header"));

    static Stream<Torture> all() {
        return CASES.stream();
    }

    static Stream<Torture> overTcp() {
        return CASES.stream().filter(t -> t.tcp != OverTcp.NOT_SENT);
    }

    @BeforeAll
    static void start() throws Exception {
        port = Ports.free();
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        gateway = GatewayProcess.start(dir.resolve("gateway"),
                "sip:\n  domains: [example.com]\nproxy:\n  trusted-peers: [\"127.0.0.1\"]\n", List.of(),
                List.of("-Djdk.net.hosts.file=" + hosts), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void everyFixtureHasAnExpectationAndEveryExpectationAFixture() throws Exception {
        Path folder = Path.of(TortureMessagesIT.class.getResource(FIXTURES).toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sip"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> cases = CASES.stream().map(t -> t.tag).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(cases, files);
        assertEquals(CASES.size(), cases.size(), "a tag is listed twice");
    }

    @ParameterizedTest(name = "{0} over UDP")
    @MethodSource("all")
    @Order(2)
    void overUdp(Torture t) throws Exception {
        try (DatagramSocket socket = udpSocket()) {
            byte[] message = t.kind == Kind.RESPONSE
                    ? secondViaTo(t.bytes(), socket.getLocalPort())
                    : asSentBy(t.bytes(), "UDP", socket.getLocalPort());
            send(socket, message);
            List<String> answers = receiveAll(socket, !t.udp.isEmpty());
            List<String> finals = finals(answers);
            if (t.udp.isEmpty()) {
                assertEquals(List.of(), answers, t + " over UDP: no answer expected"
                        + (t.kind == Kind.RESPONSE ? " (a response is never answered, nor relayed here)" : ""));
            } else {
                assertEquals(1, finals.size(), t + " over UDP: exactly one final answer expected, got " + finals);
                assertAnswer(t, finals.get(0), t.udp);
            }
        }
        assertServing(t + " over UDP");
    }

    @ParameterizedTest(name = "{0} over TCP")
    @MethodSource("overTcp")
    @Order(3)
    void overTcp(Torture t) throws Exception {
        try (Socket socket = tcpSocket()) {
            byte[] message = t.kind == Kind.RESPONSE ? t.bytes() : asSentBy(t.bytes(), "TCP", socket.getLocalPort());
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            Received received = readAnswers(socket, t.tcp == OverTcp.ANSWERED || t.tcp == OverTcp.CLOSED);
            List<String> finals = finals(received.answers());
            switch (t.tcp) {
                case ANSWERED -> {
                    assertEquals(1, finals.size(), t + " over TCP: exactly one final answer expected, got " + finals);
                    assertAnswer(t, finals.get(0), t.tcpStatuses);
                    assertUsable(socket, t);
                }
                case DROPPED -> {
                    received.answers().forEach(answer -> judge(t, answer));
                    assertUsable(socket, t);
                }
                case CLOSED -> {
                    assertTrue(received.closed(), t + " over TCP: the framing is lost, the connection must close");
                    assertEquals(1, finals.size(), t + " over TCP: one 400 expected before the close, got " + finals);
                    assertEquals(400, status(finals.get(0)), t + ": " + finals.get(0));
                }
                case WAITING -> {
                    assertEquals(List.of(), finals, t + " over TCP: the body is not complete yet, no answer expected");
                    assertFalse(received.closed(), t + " over TCP: waiting for the rest, the connection stays open");
                }
                default -> throw new IllegalStateException(t.tcp.toString());
            }
        }
        assertServing(t + " over TCP");
        assertServingOverTcp(t + " over TCP");
    }

    @Test
    @Order(4)
    void afterAllOfThemTheGatewayStillRegistersAndAnswersOptions() throws Exception {
        assertServing("every torture message");
        assertServingOverTcp("every torture message");
        try (DatagramSocket socket = udpSocket()) {
            long n = System.nanoTime();
            send(socket, ("REGISTER sip:example.com SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bKafter" + n + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:alice@example.com>;tag=after\r\n"
                    + "To: <sip:alice@example.com>\r\n"
                    + "Call-ID: after" + n + "@127.0.0.1\r\n"
                    + "CSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:alice@127.0.0.1:" + socket.getLocalPort() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            List<String> finals = finals(receiveAll(socket, true));
            assertEquals(1, finals.size(), "REGISTER after the torture messages: " + finals);
            assertEquals(401, status(finals.get(0)), finals.get(0));
            assertTrue(finals.get(0).contains("WWW-Authenticate: Digest"), finals.get(0));
        }
    }

    @Test
    @Order(5)
    void noThreadDiedAndNoHandlerFailed() throws Exception {
        assertTrue(gateway.isAlive(), "gateway process exited");
        String log = gateway.log();
        assertFalse(log.contains("Exception in thread"), "a thread died:\n" + log);
        assertFalse(log.contains("OutOfMemoryError"), "out of memory:\n" + log);
        assertFalse(log.contains("Failed to handle"), "a handler threw (answered 500):\n" + log);
    }

    // ---- the message as the test sends it

    /**
     * The request with the transport and sent-by of its top Via set to {@code transport} and the test's socket,
     * and a suffix unique to this send on its branch (see the class comment). LWS, folding and parameters stay.
     */
    static byte[] asSentBy(byte[] message, String transport, int localPort) {
        String text = new String(message, ISO_8859_1);
        Matcher via = TOP_VIA.matcher(text);
        assertTrue(via.find(), "no Via in " + text);
        Matcher protocol = SENT_PROTOCOL.matcher(text);
        assertTrue(protocol.find(via.end()), "no sent-protocol in the top Via");
        String sent = text.substring(0, protocol.start(2)) + transport + protocol.group(3) + "127.0.0.1:" + localPort;
        String rest = text.substring(protocol.end(4));
        Matcher branch = BRANCH.matcher(rest);
        if (branch.find() && branch.start() < topViaEnd(rest) && !branch.group(1).equalsIgnoreCase("z9hG4bK")) {
            rest = rest.substring(0, branch.end(1)) + "." + SENDS.incrementAndGet() + rest.substring(branch.end(1));
        }
        return (sent + rest).getBytes(ISO_8859_1);
    }

    /** Where the first Via value ends: at a comma, or at a line end not followed by folding. */
    private static int topViaEnd(String afterSentBy) {
        Matcher end = Pattern.compile(",|\r\n(?![ \t])").matcher(afterSentBy);
        return end.find() ? end.start() : afterSentBy.length();
    }

    /** A response with its second Via (if any) naming the test's socket: where a careless proxy would relay it. */
    static byte[] secondViaTo(byte[] response, int localPort) {
        String text = new String(response, ISO_8859_1);
        Matcher via = TOP_VIA.matcher(text);
        if (!via.find() || !via.find()) {
            return response;
        }
        Matcher protocol = SENT_PROTOCOL.matcher(text);
        assertTrue(protocol.find(via.end()), "no sent-protocol in the second Via");
        return (text.substring(0, protocol.start(4)) + "127.0.0.1:" + localPort + text.substring(protocol.end(4)))
                .getBytes(ISO_8859_1);
    }

    // ---- judging

    /** Final answers only (1xx dropped), each once: a UDP retransmission of the same answer is not a second one. */
    private static List<String> finals(List<String> answers) {
        Set<String> result = new LinkedHashSet<>();
        for (String answer : answers) {
            if (status(answer) >= 200) {
                result.add(answer);
            }
        }
        return new ArrayList<>(result);
    }

    private static void assertAnswer(Torture t, String answer, Set<Integer> statuses) {
        int status = status(answer);
        assertTrue(statuses.contains(status), t + ": expected one of " + new TreeSet<>(statuses) + ", got "
                + firstLine(answer) + "\n" + answer);
        judge(t, answer);
        for (String text : t.mustContain) {
            assertTrue(answer.contains(text), t + ": answer lacks '" + text + "'\n" + answer);
        }
        for (String text : t.mustNotContain) {
            assertFalse(answer.contains(text), t + ": answer holds '" + text + "'\n" + answer);
        }
    }

    /** What holds of any answer, expected or not. */
    private static void judge(Torture t, String answer) {
        int status = status(answer);
        String what = t + " answered " + firstLine(answer);
        assertTrue(status != 500, what + ": the gateway failed handling it");
        switch (t.kind) {
            case RESPONSE -> throw new AssertionError(what + ": a response must never be answered");
            case VALID -> assertTrue(status != 400, what + ": a well-formed request must not get 400");
            case INVALID -> assertTrue(status >= 400, what + ": a malformed request must be refused");
            case SEMANTIC, TOLERATED -> assertTrue(status >= 200, what + ": expected a final answer");
            default -> throw new IllegalStateException(t.kind.toString());
        }
    }

    private static int status(String answer) {
        Matcher m = STATUS.matcher(answer);
        assertTrue(m.lookingAt(), "not a SIP response: " + answer);
        return Integer.parseInt(m.group(1));
    }

    private static String firstLine(String answer) {
        int end = answer.indexOf("\r\n");
        return end < 0 ? answer : answer.substring(0, end);
    }

    // ---- the gateway keeps serving

    private static String options(String transport, int localPort) {
        long n = System.nanoTime();
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bKalive" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=alive\r\n"
                + "To: <sip:127.0.0.1>\r\n"
                + "Call-ID: alive" + n + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** A well-formed OPTIONS to the gateway over UDP gets 200 (one retransmission, as a UAC would). */
    private static void assertServing(String after) throws Exception {
        assertTrue(gateway.isAlive(), "gateway process exited after " + after + ":\n" + gateway.log());
        try (DatagramSocket socket = udpSocket()) {
            byte[] probe = options("UDP", socket.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
            for (int attempt = 0; attempt < 2; attempt++) {
                send(socket, probe);
                List<String> answers = receiveAll(socket, true);
                if (!answers.isEmpty()) {
                    assertTrue(answers.get(0).startsWith("SIP/2.0 200 "), "OPTIONS after " + after + " answered "
                            + answers.get(0));
                    return;
                }
            }
        }
        throw new AssertionError("no answer to a well-formed OPTIONS over UDP after " + after + "\n" + gateway.log());
    }

    /** A well-formed OPTIONS on a new TCP connection gets 200 on it. */
    private static void assertServingOverTcp(String after) throws Exception {
        try (Socket socket = tcpSocket()) {
            assertUsable(socket, after + ", on a new connection");
        }
    }

    /** An OPTIONS sent on {@code socket} gets 200 on it: the connection is still in step. */
    private static void assertUsable(Socket socket, Object after) throws IOException {
        try {
            socket.getOutputStream().write(options("TCP", socket.getLocalPort()).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError("connection closed after " + after, e);
        }
        List<String> answers = readAnswers(socket, true).answers();
        assertFalse(answers.isEmpty(), "no answer to an OPTIONS on the connection after " + after
                + " (closed, or the request lost in misframed octets)");
        assertTrue(answers.get(0).startsWith("SIP/2.0 200 "), "OPTIONS on the connection after " + after
                + " answered " + answers.get(0));
    }

    // ---- raw sockets, every wait bounded

    private static DatagramSocket udpSocket() throws SocketException {
        return new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    private static void send(DatagramSocket socket, byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Collects datagrams: up to 3 s for the first final answer (or, with {@code untilFinal} false, the whole
     * 3 s), then 0.6 s for more.
     */
    private static List<String> receiveAll(DatagramSocket socket, boolean untilFinal) throws IOException {
        List<String> answers = new ArrayList<>();
        byte[] buf = new byte[65535];
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (answers.size() < 20) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                String answer = new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8);
                answers.add(answer);
                if (untilFinal && STATUS.matcher(answer).lookingAt() && status(answer) >= 200) {
                    deadline = Math.min(deadline, System.currentTimeMillis() + MORE_MILLIS);
                }
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return answers;
    }

    private static Socket tcpSocket() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), WAIT_MILLIS);
        return socket;
    }

    /** The responses read from a connection, and whether the gateway closed it. */
    record Received(List<String> answers, boolean closed) {
    }

    /**
     * Reads until the connection closes, or 3 s pass (with {@code untilFinal}: 0.6 s after a final answer),
     * and splits what came into responses at their status lines.
     */
    private static Received readAnswers(Socket socket, boolean untilFinal) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buf = new byte[65535];
        InputStream in = socket.getInputStream();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        boolean closed = false;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                    break;
                }
                received.write(buf, 0, n);
                if (untilFinal && finals(split(received.toString(StandardCharsets.UTF_8))).size() > 0) {
                    deadline = Math.min(deadline, System.currentTimeMillis() + MORE_MILLIS);
                }
            } catch (SocketTimeoutException e) {
                break;
            } catch (SocketException e) {
                closed = true;
                break;
            }
        }
        return new Received(split(received.toString(StandardCharsets.UTF_8)), closed);
    }

    /** Responses in a stream, cut at status lines that begin a line. */
    private static List<String> split(String text) {
        List<Integer> starts = new ArrayList<>();
        Matcher m = STATUS.matcher(text);
        while (m.find()) {
            if (m.start() == 0 || text.charAt(m.start() - 1) == '\n') {
                starts.add(m.start());
            }
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            answers.add(text.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length()));
        }
        if (starts.isEmpty() && !text.isBlank()) {
            answers.add(text);
        }
        return answers;
    }
}
