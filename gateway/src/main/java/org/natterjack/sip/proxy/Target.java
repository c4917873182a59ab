package org.natterjack.sip.proxy;

import java.util.Optional;
import javax.sip.address.URI;
import org.natterjack.sip.transport.Flow;
import org.natterjack.sip.transport.SipSocket;

/**
 * Where one branch of a proxied request goes.
 *
 * @param requestUri the Request-URI of the forwarded request (a registered Contact, as the RFC wants)
 * @param flow the flow to send over (a NATed or TCP party); empty to route by Route and Request-URI
 * @param socket the local socket to send from
 * @param route a Route to push (a static next hop in front of the Request-URI's domain), if any
 */
record Target(URI requestUri, Optional<Flow> flow, SipSocket socket, Optional<URI> route) {

    Target(URI requestUri, Optional<Flow> flow, SipSocket socket) {
        this(requestUri, flow, socket, Optional.empty());
    }
}
