package org.natterjack.sip.proxy;

import javax.sip.ClientTransaction;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.natterjack.sip.transport.SipOutbound;

/** The branches' side of a {@link ProxyTransaction}: a client transaction per forwarded copy of the request. */
interface Downstream {

    /** One branch as sent. */
    interface Leg {
        /** Sends a CANCEL for the branch's request (RFC 3261 9.1; only once a provisional arrived). */
        void cancel() throws SipException;

        /** Gives the branch up without a CANCEL: no more retransmissions. */
        void stop() throws ObjectInUseException;

        /** The branch is over: its lingering client transaction lets go of the proxy's state. */
        void release();
    }

    /**
     * Sends {@code request} towards {@code target}; the stack hands the branch's responses and timeout to
     * {@code branch}'s owner.
     */
    Leg send(Request request, Target target, ProxyTransaction.Branch branch) throws SipException;

    /** Over the stack: a client transaction from the target's socket, over its flow if it has one. */
    Downstream STACK = (request, target, branch) -> {
        ClientTransaction client = SipOutbound.newClientTransaction(target.socket(), request, target.flow());
        client.setApplicationData(branch);
        client.sendRequest();
        return new Leg() {
            @Override
            public void cancel() throws SipException {
                SipOutbound.newClientTransaction(target.socket(), client.createCancel(), target.flow()).sendRequest();
            }

            @Override
            public void stop() throws ObjectInUseException {
                client.terminate();
            }

            @Override
            public void release() {
                client.setApplicationData(null);
            }
        };
    };
}
