package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.natterjack.metrics.SipMeters;

/** Counts every message the stack parsed, first in the valve chain (so also what the flood guard drops). */
public final class MeteringValve implements SIPMessageValve {

    private volatile SipMeters meters;

    @Override
    public void init(SipStack stack) {
        // The meters come from SipTransport (use), after the stack made this valve.
    }

    void use(SipMeters sipMeters) {
        meters = sipMeters;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        SipMeters m = meters;
        if (m != null) {
            m.requestReceived(request.getMethod());
        }
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        SipMeters m = meters;
        if (m != null) {
            m.responseReceived(response.getStatusCode());
        }
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
