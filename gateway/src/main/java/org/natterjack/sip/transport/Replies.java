package org.natterjack.sip.transport;

import java.util.List;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends responses (built by {@link Responses}) statelessly from the socket a request arrived at. Like
 * Kamailio's registrar, the gateway answers REGISTER and OPTIONS without keeping transactions: handling is
 * idempotent, so a retransmission just gets the same answer again, and nothing is held for 32 s per request.
 */
public final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final HeaderFactory headers;

    public Replies(SipTransport transport) throws PeerUnavailableException {
        this.headers = transport.headerFactory();
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
            socket.provider().sendResponse(Responses.create(status, reason, request, extra));
        } catch (SipException | RuntimeException e) {
            LOG.warn("Could not send {} to {} request {}: {}", status, request.getMethod(),
                    request.getRequestURI(), e.toString());
        }
    }
}
