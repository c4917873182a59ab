package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.metrics.RegistrarMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends responses (built by {@link Responses}) statelessly from the socket a request arrived at. Like
 * Kamailio's registrar, the gateway answers REGISTER and OPTIONS without keeping transactions: handling is
 * idempotent, so a retransmission just gets the same answer again, and nothing is held for 32 s per request. The
 * answers to REGISTERs are kept for a few seconds ({@link AnswerCache}), so that a retransmission gets the same
 * octets.
 */
public final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final HeaderFactory headers;
    private final AnswerCache answers;
    private final RegistrarMeters meters;

    public Replies(SipTransport transport, RegistrarMeters meters) throws PeerUnavailableException {
        this.headers = transport.headerFactory();
        this.answers = transport.answers();
        this.meters = meters;
    }

    public HeaderFactory headers() {
        return headers;
    }

    /** Sends {@code status} with the standard reason phrase. */
    public void send(SipSocket socket, Request request, int status, List<Header> extra) {
        send(socket, request, status, null, extra);
    }

    /** Sends {@code status} with {@code reason} (null for the standard phrase) and the extra headers. */
    public void send(SipSocket socket, Request request, int status, String reason, List<Header> extra) {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            Response response = Responses.create(status, reason, request, extra);
            AnswerCache.Key key = Request.REGISTER.equals(request.getMethod()) && request instanceof SIPRequest sip
                    ? AnswerCache.Key.of(sip) : null;
            if (Request.REGISTER.equals(request.getMethod())) {
                meters.registerAnswered(status);
            }
            if (key == null) {
                socket.provider().sendResponse(response);
            } else {
                ReusingUdpProcessor.send(() -> socket.provider().sendResponse(response),
                        octets -> answers.answered(key, octets));
            }
        } catch (SipException | RuntimeException e) {
            LOG.warn("Could not send {} to {} request {}: {}", status, request.getMethod(),
                    request.getRequestURI(), e.toString());
        }
    }
}
