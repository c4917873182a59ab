package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one parser made of one message: the message (or the exception) and every call to the
 * listener. The listener behaves as the stack's UDP channel does: it rethrows for the fields a
 * message cannot do without and keeps other bad fields as unparsed.
 */
record ParseOutcome(SIPMessage message, String thrown, List<String> listenerCalls) {

    private static final Set<Class<?>> ESSENTIAL = Set.of(From.class, To.class, CSeq.class, Via.class, CallID.class,
            ContentLength.class, RequestLine.class, StatusLine.class);

    static ParseOutcome of(StringMsgParser parser, byte[] octets, boolean withListener) {
        List<String> calls = new ArrayList<>();
        ParseExceptionListener listener = (ex, message, headerClass, header, raw) -> {
            calls.add((headerClass == null ? "null" : headerClass.getSimpleName()) + " | " + header + " | "
                    + stable(ex.getMessage()));
            if (headerClass != null && ESSENTIAL.contains(headerClass)) {
                throw ex;
            }
            message.addUnparsed(header);
        };
        try {
            return new ParseOutcome(parser.parseSIPMessage(octets, true, false, withListener ? listener : null),
                    null, calls);
        } catch (ParseException | RuntimeException e) {
            return new ParseOutcome(null, e.getClass().getSimpleName() + ": " + stable(e.getMessage()), calls);
        }
    }

    /** The RI's messages quote its char[] buffers by identity ({@code [C@1b2c3d}), which differs per run. */
    static String stable(String message) {
        return String.valueOf(message).replaceAll("\\[C@\\p{XDigit}+", "[C@");
    }
}
