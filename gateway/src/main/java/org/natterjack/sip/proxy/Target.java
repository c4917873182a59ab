package org.natterjack.sip.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import javax.sip.address.URI;
import org.natterjack.net.Flow;
import org.natterjack.sip.transport.SipSocket;

/**
 * Where one branch of a proxied request goes.
 *
 * @param requestUri the Request-URI of the forwarded request (a registered Contact, as the RFC wants)
 * @param flow the flow to send over (a NATed or TCP party, a next hop, a server found in DNS); empty to
 *     route by Route and Request-URI
 * @param socket the local socket to send from
 * @param recordFlow whether our Record-Route towards the target names {@code flow}, so that in-dialog
 *     requests take it too: true for a registered party, reachable only that way; false for a next hop or
 *     a server found in DNS, beyond which in-dialog requests follow the route set
 * @param behindNat the target is a registered party behind NAT (its media needs the relay)
 * @param heldElsewhere for a party whose flow another node holds: the node and that flow ({@code flow} then leads to
 *     the node, and the request carries a Route naming the flow there)
 * @param path for a party registered through proxies, their Path values (RFC 3327), which become the request's first
 *     Routes; empty otherwise
 */
record Target(URI requestUri, Optional<Flow> flow, SipSocket socket, boolean recordFlow, boolean behindNat,
              Optional<HeldFlow> heldElsewhere, List<String> path) {

    /** A party's flow held by another node, reached at {@code node}. */
    record HeldFlow(InetSocketAddress node, Flow flow) {
    }

    Target {
        path = List.copyOf(path);
    }

    Target(URI requestUri, Optional<Flow> flow, SipSocket socket, boolean recordFlow, boolean behindNat) {
        this(requestUri, flow, socket, recordFlow, behindNat, Optional.empty(), List.of());
    }

    /** The target is the party itself (a registered contact), not a proxy or gateway in between. */
    boolean isParty() {
        return recordFlow;
    }

    /** The flow to put in our callee-facing Record-Route. */
    Optional<Flow> recordedFlow() {
        return recordFlow ? flow : Optional.empty();
    }
}
