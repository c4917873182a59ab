package org.natterjack.sip.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.natterjack.config.LocalDomains;
import org.natterjack.net.Flow;
import org.natterjack.net.IpLiteral;
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
 *
 * <p>The tokens are signed for the dialog (see {@link FlowTokens}), so an in-dialog request proves that it
 * follows a route set we handed out; the proxy lets anything else through only for callers it would let
 * start such a call.
 */
public final class RecordRouting {

    private final FlowTokens tokens;
    private final LocalDomains domains;
    private final Set<Integer> ports;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    public RecordRouting(FlowTokens tokens, LocalDomains domains, SipTransport transport) throws javax.sip.PeerUnavailableException {
        this.tokens = tokens;
        this.domains = domains;
        this.ports = transport.sockets().stream().map(s -> s.local().getPort()).collect(Collectors.toUnmodifiableSet());
        this.addresses = transport.addressFactory();
        this.headers = transport.headerFactory();
    }

    /**
     * Our Record-Route on {@code socket} for dialog {@code callId}, facing the party reached over {@code flow}
     * (empty: reached by its address).
     */
    RecordRouteHeader recordRoute(SipSocket socket, Optional<Flow> flow, String callId) {
        try {
            SipURI uri = addresses.createSipURI(tokens.encode(flow, callId), IpLiteral.uriHost(socket.advertised()));
            uri.setPort(socket.local().getPort());
            uri.setTransportParam(socket.transport().sipName());
            uri.setLrParam();
            return headers.createRecordRouteHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("own Record-Route did not parse", e);
        }
    }

    /**
     * A Route to another node of a shared store, naming the flow it holds for the request's target in a token of the
     * key all nodes share (RFC 5626 5.3, as an edge proxy's Path would): that node sends the request down the flow.
     */
    RouteHeader routeToHeldFlow(InetSocketAddress node, Flow flow, String callId) {
        try {
            SipURI uri = addresses.createSipURI(tokens.encode(Optional.of(flow), callId),
                    IpLiteral.uriHost(node.getAddress()));
            uri.setPort(node.getPort());
            uri.setLrParam();
            return headers.createRouteHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("Route to a node did not parse", e);
        }
    }

    /** Removes the Route entries at the top of {@code request} that name this gateway, and checks their tokens. */
    OwnRoutes popOwnRoutes(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        int popped = 0;
        List<Optional<Flow>> verified = new ArrayList<>(2);
        while (request.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                && top.getAddress().getURI() instanceof SipURI uri && isOurs(uri)) {
            request.removeFirst(RouteHeader.NAME);
            popped++;
            if (uri.getUser() != null) {
                tokens.decode(uri.getUser(), callId).ifPresent(v -> verified.add(v.flow()));
            }
        }
        return new OwnRoutes(popped, verified.size() == popped ? List.copyOf(verified) : List.of());
    }

    /**
     * The Routes of ours an in-dialog request carried: how many, and the flows of their tokens (in order) if
     * every one of them verified for this dialog.
     */
    record OwnRoutes(int popped, List<Optional<Flow>> flows) {

        /** True if there were Routes of ours and all of them bore our signature for this dialog. */
        boolean verified() {
            return popped > 0 && flows.size() == popped;
        }

        /** The flow of the last Route popped: it faces where the request is going. */
        Optional<Flow> next() {
            return verified() ? flows.get(flows.size() - 1) : Optional.empty();
        }

        /** True if one of the dialog's flows leads to {@code source}: the request came from a party of it. */
        boolean cameFrom(InetAddress source) {
            return verified() && flows.stream().flatMap(Optional::stream)
                    .anyMatch(f -> f.remote().getAddress().equals(source));
        }
    }

    /** True if {@code uri} names one of our domains or addresses on one of our ports. */
    boolean isOurs(SipURI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "tls".equalsIgnoreCase(uri.getTransportParam()) ? 5061 : 5060;
        return ports.contains(port) && domains.contains(uri.getHost());
    }
}
