package org.natterjack.sip.transport;

import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.net.Flow;

/** Sending requests the proxy forwards: from a chosen socket, over a chosen flow when there is one. */
public final class SipOutbound {

    private static final MessageFactory MESSAGES = messageFactory();

    private SipOutbound() {
    }

    /** A client transaction for {@code request} on {@code socket}, bound to {@code flow} if present. */
    public static ClientTransaction newClientTransaction(SipSocket socket, Request request, Optional<Flow> flow)
            throws SipException {
        flow.ifPresent(f -> FlowRouter.sendOver(request, f));
        return socket.provider().getNewClientTransaction(request);
    }

    /** Sends {@code request} statelessly (an ACK for a 2xx) from {@code socket}, over {@code flow} if present. */
    public static void sendStateless(SipSocket socket, Request request, Optional<Flow> flow) throws SipException {
        flow.ifPresent(f -> FlowRouter.sendOver(request, f));
        socket.provider().sendRequest(request);
    }

    /** A response made here (not relayed), with a To tag (except on 100) as RFC 3261 8.2.6.2 asks. */
    public static Response response(int status, Request request) {
        try {
            Response response = MESSAGES.createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null && status > Response.TRYING) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot answer " + request.getMethod() + ": " + e.getMessage(), e);
        }
    }

    private static MessageFactory messageFactory() {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            return factory.createMessageFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP RI not on the class path", e);
        }
    }
}
