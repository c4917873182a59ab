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

    /** Over the stack: the server transaction. */
    static Upstream of(ServerTransaction server) {
        return new Upstream() {
            @Override
            public Request request() {
                return server.getRequest();
            }

            @Override
            public void send(Response response) throws SipException, InvalidArgumentException {
                server.sendResponse(response);
            }
        };
    }
}
