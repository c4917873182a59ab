package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.natterjack.metrics.SipMeters;

/**
 * Counts every message the stack parsed and shows it to the capture, first in the valve chain (so also what the
 * flood guard drops).
 */
public final class MeteringValve implements SIPMessageValve {

    private volatile SipMeters meters;
    private SIPTransactionStack stack;

    @Override
    public void init(SipStack sipStack) {
        // The meters come from SipTransport (use), after the stack made this valve.
        stack = (SIPTransactionStack) sipStack;
    }

    /** The octets the parser left on the message, handed to the tap and taken off the message. */
    private void tap(SIPMessage message, MessageChannel channel) {
        if (message.getApplicationData() instanceof byte[] octets) {
            message.setApplicationData(null);
            Taps.received(stack, channel, octets);
        }
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
        tap(request, channel);
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        SipMeters m = meters;
        if (m != null) {
            m.responseReceived(response.getStatusCode());
        }
        tap((SIPMessage) response, channel);
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
