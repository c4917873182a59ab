package org.natterjack.sip.proxy;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The caller's side of a {@link ProxyTransaction}: the request it sent and the way back to it. */
interface Upstream {

    /** The request as received. */
    Request request();

    /** Sends {@code response} to the caller. */
    void send(Response response) throws SipException, InvalidArgumentException;

    /**
     * The proxied request is over: the stack's transaction lingers for 32 s to absorb retransmissions, and
     * should not keep the proxy's state (the request, the branches) alive all that time.
     */
    void release();

    /** Over the stack: the server transaction. */
    static Upstream of(ServerTransaction server) {
        // Our own reference: the stack may release its copy after the final response
        // (RELEASE_REFERENCES_STRATEGY), and a 2xx from another branch still needs the caller's Vias.
        Request received = server.getRequest();
        return new Upstream() {
            @Override
            public Request request() {
                return received;
            }

            @Override
            public void send(Response response) throws SipException, InvalidArgumentException {
                server.sendResponse(response);
            }

            @Override
            public void release() {
                server.setApplicationData(ProxyTransaction.Released.STATE);
            }
        };
    }
}
