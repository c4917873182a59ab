package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.natterjack.sip.transport.parse.FastMessageParser;

/**
 * The JAIN-SIP RI's message parser (with fast readers for the common header fields, see
 * {@link FastMessageParser}) with the checks it gets wrong done on the raw octets first. Plugged in
 * with the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}, so it parses every datagram
 * and every message the TCP reader frames.
 *
 * <ul>
 *   <li>Protocol version: the RI's parser reads any {@code SIP/x.y} request line as SIP/2.0 (it builds the
 *   "Expecting SIP/2.0" exception but never throws it). Here the request keeps the version it was sent with,
 *   so the stack's own check answers 505 Version Not Supported (RFC 3261 21.5.9; RFC 4475
 *   3.1.2.16).</li>
 *   <li>Repeated fields: the RI silently keeps the first of two Call-ID, CSeq, From, To, Max-Forwards or
 *   Content-Length fields. Those may appear once only (RFC 3261 7.3.1), and with two of them it is unknown
 *   which transaction, dialog or body length was meant: refused as unparseable, which the stack answers
 *   400 over UDP (RFC 4475 3.3.8, 3.3.9). Only requests: a response cannot be refused, only dropped, and
 *   dropping one would fail calls through sloppy user agents. See {@link RequestHead}.</li>
 *   <li>Reason phrases: the stack puts a parse exception's message into the reason phrase of its automatic
 *   400, and the RI's messages hold line feeds and array identities ({@code [C@494ed34a}), which break the
 *   status line. Here they are reduced to printable text.</li>
 * </ul>
 */
public final class GuardedMessageParser implements MessageParser {

    /** The stack's factory for this parser; named in the stack properties. */
    public static final class Factory implements MessageParserFactory {
        private static final GuardedMessageParser PARSER = new GuardedMessageParser(new FastMessageParser());

        @Override
        public MessageParser createMessageParser(SIPTransactionStack stack) {
            // Stateless, like the RI's StringMsgParser it extends: one for the whole stack.
            return PARSER;
        }
    }

    /** One parser serves the stack (and the process has one stack), so the count is the process's. */
    private static final LongAdder FAILURES = new LongAdder();
    private static final String VERSION = "SIP/2.0";
    private static final int MAX_REASON = 80;

    private final MessageParser delegate;

    GuardedMessageParser(MessageParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] octets, boolean readBody, boolean strict,
                                      ParseExceptionListener listener) throws ParseException {
        Optional<RequestHead> head = octets == null ? Optional.empty() : RequestHead.scan(octets);
        if (head.isPresent() && head.get().repeated().isPresent()) {
            FAILURES.increment();
            throw new ParseException("Repeated " + head.get().repeated().get() + " header field", 0);
        }
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(octets, readBody, strict, listener);
        } catch (ParseException e) {
            FAILURES.increment();
            throw new ParseException(printable(e.getMessage()), e.getErrorOffset());
        }
        if (message instanceof SIPRequest request && head.isPresent()) {
            requestVersion(head.get().startLine()).ifPresent(v -> request.getRequestLine().setSipVersion(v));
        }
        if (message != null) {
            // The octets as received, for the capture (MeteringValve takes them off again); each transport
            // hands the parser an array of the message's own.
            message.setApplicationData(octets);
        }
        return message;
    }

    static long failures() {
        return FAILURES.sum();
    }

    /** The version at the end of a request line, if it is not SIP/2.0 (compared case-insensitively, 7.1). */
    static Optional<String> requestVersion(String startLine) {
        String line = startLine.strip();
        String version = line.substring(line.lastIndexOf(' ') + 1);
        return version.equalsIgnoreCase(VERSION) ? Optional.empty() : Optional.of(printable(version));
    }

    /** Printable ASCII only, without the RI's {@code [C@hex} array identities, at most 80 characters. */
    static String printable(String text) {
        String plain = String.valueOf(text).replaceAll("\\[C@\\p{XDigit}+", " ").replaceAll("[^\\x21-\\x7E]+", " ")
                .strip();
        plain = plain.isEmpty() ? "unparseable" : plain;
        return plain.length() > MAX_REASON ? plain.substring(0, MAX_REASON) : plain;
    }
}
