package org.natterjack.sip.transport;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.natterjack.net.Flow;

/** Sending requests the proxy forwards: from a chosen socket, over a chosen flow when there is one. */
public final class SipOutbound {

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
}
