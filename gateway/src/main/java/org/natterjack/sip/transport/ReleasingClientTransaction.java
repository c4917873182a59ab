package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransactionImpl;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The RI's client transaction, lighter once an INVITE is answered with a 2xx.
 *
 * <p>The RI ends an INVITE client transaction on a 2xx (RFC 3261 17.1.1.2) but takes it out of its table only
 * at the next tick of its timer, up to 500 ms later, holding the forwarded request and the 2xx (with their
 * bodies and Record-Routes, about 20 KB) all that time: at a thousand calls a second, half of what a young
 * collection copied. Once the listener has had the 2xx, this transaction keeps a {@link SlimRequest} and drops
 * the rest; a retransmitted 2xx still reaches the listener as before.
 */
final class ReleasingClientTransaction extends SIPClientTransactionImpl {

    /** True once the request was replaced by its {@link SlimRequest}; guarded by this object's lock. */
    private boolean slimmed;

    ReleasingClientTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    @Override
    public synchronized void processResponse(SIPResponse response, MessageChannel channel, SIPDialog dialog) {
        super.processResponse(response, channel, dialog);
        // Once: a retransmitted 2xx passes here again.
        if (!slimmed && isInviteTransaction() && isTerminated() && response.getStatusCode() / 100 == 2) {
            // What the RI does itself on a non-2xx final response: drops the last request sent and the response
            // (and under our strategy keeps an INVITE's request, which this class slims).
            cleanUpOnTimer();
            SIPRequest full = originalRequest;
            if (full != null) {
                slimmed = true;
                originalRequest = SlimRequest.of(full);
            }
        }
    }
}
