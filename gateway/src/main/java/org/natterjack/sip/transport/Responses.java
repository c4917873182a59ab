package org.natterjack.sip.transport;

import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.Version;

/**
 * The one way the gateway builds a response of its own, whether it goes out statelessly ({@link Replies}) or
 * on a server transaction (the proxy): the status and reason, a To tag on all but 100 (RFC 3261 8.2.6.2),
 * our Server header, then the caller's extra headers. Relayed responses are not built here: they are the
 * downstream party's.
 */
public final class Responses {

    static final String SERVER = "Natterjack/" + Version.current();
    private static final MessageFactory MESSAGES;
    private static final HeaderFactory HEADERS;

    static {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            MESSAGES = factory.createMessageFactory();
            HEADERS = factory.createHeaderFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP RI not on the class path", e);
        }
    }

    private Responses() {
    }

    /** {@code status} to {@code request} with the standard reason phrase and no extra headers. */
    /** How long a 503 for a store that is away asks the client to wait. */
    public static final int STORE_RETRY_AFTER_SECONDS = 30;

    /** A {@code Retry-After} of {@code seconds}, for a 503. */
    public static Header retryAfter(HeaderFactory headers, int seconds) {
        try {
            return headers.createRetryAfterHeader(seconds);
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("Retry-After out of range: " + seconds, e);
        }
    }

    public static Response create(int status, Request request) {
        return create(status, null, request, List.of());
    }

    /**
     * {@code status} to {@code request}.
     *
     * @param reason the reason phrase, null for the standard one
     * @throws IllegalArgumentException if the request lacks what a response copies from it
     */
    public static Response create(int status, String reason, Request request, List<Header> extra) {
        try {
            Response response = MESSAGES.createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null && status > Response.TRYING) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            response.setHeader(HEADERS.createServerHeader(List.of(SERVER)));
            for (Header h : extra) {
                response.addHeader(h);
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot answer " + request.getMethod() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A refusal from a valve, before the stack has checked the request: the RI's own copying, which copes with
     * a request that lacks headers the message factory insists on, then the same To tag and Server as above.
     */
    static SIPResponse refusal(SIPRequest request, int status, String reason) {
        SIPResponse response = request.createResponse(status, reason);
        To to = (To) response.getTo();
        try {
            if (to != null && to.getTag() == null && status > Response.TRYING) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            response.setHeader(HEADERS.createServerHeader(List.of(SERVER)));
        } catch (ParseException e) {
            throw new IllegalStateException("our own Server header does not parse", e);
        }
        return response;
    }
}
