package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.natterjack.config.IpLiterals;
import org.natterjack.config.LocalDomains;
import org.natterjack.sip.transport.Flow;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;

/**
 * Record-Route with flow tokens, and the matching loose-routing step (RFC 3261 16.4, RFC 5626 5.3).
 *
 * <p>A dialog-forming request gets two Record-Routes: the upper one faces the callee and carries the
 * callee's flow, the lower one faces the caller and carries the caller's flow. An in-dialog request pops
 * every Route that names us; the last one popped faces where the request is going, so its flow is the way
 * to the other party, whether that party sits behind NAT or not, and whatever its Contact says. This works
 * with any user agent that follows RFC 3261 route sets, and through chains of proxies.
 */
final class RecordRouting {

    private final FlowTokens tokens;
    private final LocalDomains domains;
    private final Set<Integer> ports;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    RecordRouting(FlowTokens tokens, LocalDomains domains, SipTransport transport) throws javax.sip.PeerUnavailableException {
        this.tokens = tokens;
        this.domains = domains;
        this.ports = transport.sockets().stream().map(s -> s.local().getPort()).collect(Collectors.toUnmodifiableSet());
        this.addresses = transport.addressFactory();
        this.headers = transport.headerFactory();
    }

    /** Our Record-Route on {@code socket}, for the party reached over {@code flow} (empty: none known). */
    RecordRouteHeader recordRoute(SipSocket socket, Optional<Flow> flow) {
        try {
            SipURI uri = addresses.createSipURI(flow.map(tokens::encode).orElse(null),
                    IpLiterals.uriHost(socket.advertised()));
            uri.setPort(socket.local().getPort());
            uri.setTransportParam(socket.transport().sipName());
            uri.setLrParam();
            return headers.createRecordRouteHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("own Record-Route did not parse", e);
        }
    }

    /**
     * Removes the Route entries at the top of {@code request} that name this gateway.
     *
     * @return the flow in the last one removed, if it carried a valid token
     */
    Optional<Flow> popOwnRoutes(Request request) {
        Optional<Flow> flow = Optional.empty();
        while (request.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                && top.getAddress().getURI() instanceof SipURI uri && isOurs(uri)) {
            request.removeFirst(RouteHeader.NAME);
            flow = uri.getUser() == null ? Optional.empty() : tokens.decode(uri.getUser());
        }
        return flow;
    }

    /** True if {@code uri} names one of our domains or addresses on one of our ports. */
    boolean isOurs(SipURI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "tls".equalsIgnoreCase(uri.getTransportParam()) ? 5061 : 5060;
        return ports.contains(port) && domains.contains(uri.getHost());
    }
}
