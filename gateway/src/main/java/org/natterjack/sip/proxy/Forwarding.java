package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.natterjack.net.Flow;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;
import org.natterjack.sip.digest.DigestHeaders;
import org.natterjack.sip.transport.Responses;
import org.natterjack.sip.transport.SipSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mechanics of forwarding: the copy of a request for a branch, our Via, and responses we make ourselves. */
public final class Forwarding {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    private final HeaderFactory headers;
    private final RecordRouting recordRouting;
    private final Supplier<String> realm;

    public Forwarding(HeaderFactory headers, RecordRouting recordRouting, Supplier<String> realm) {
        this.headers = headers;
        this.recordRouting = recordRouting;
        this.realm = realm;
    }

    /** The copy of {@code request} for one branch (RFC 3261 16.6 steps 1 to 8), with our Via on {@code branch}. */
    Request prepare(Request request, Target target, SipSocket inSocket, Optional<Flow> inFlow,
                    boolean recordRoute, String branch) throws ParseException, InvalidArgumentException, SipException {
        return prepareCopy((Request) request.clone(), target, inSocket, inFlow, recordRoute, branch);
    }

    /** As {@link #prepare}, changing {@code out}, a copy the caller already made (a deep clone costs). */
    Request prepareCopy(Request out, Target target, SipSocket inSocket, Optional<Flow> inFlow,
                        boolean recordRoute, String branch) throws ParseException, InvalidArgumentException, SipException {
        out.setRequestURI(target.requestUri());
        consumeCredentials(out);
        decrementMaxForwards(out);
        if (target.heldElsewhere().isPresent()) {
            Target.HeldFlow held = target.heldElsewhere().get();
            out.addFirst(recordRouting.routeToHeldFlow(held.node(), held.flow(),
                    ((CallIdHeader) out.getHeader(CallIdHeader.NAME)).getCallId()));
        }
        for (int i = target.path().size() - 1; i >= 0; i--) {
            out.addFirst(headers.createHeader(RouteHeader.NAME, target.path().get(i)));
        }
        if (recordRoute) {
            String callId = ((CallIdHeader) out.getHeader(CallIdHeader.NAME)).getCallId();
            out.addFirst(recordRouting.recordRoute(inSocket, inFlow, callId));
            out.addFirst(recordRouting.recordRoute(target.socket(), target.recordedFlow(), callId));
        }
        out.addFirst(via(target.socket(), target.flow(), branch));
        return out;
    }

    ViaHeader via(SipSocket socket, Optional<Flow> flow, String branch)
            throws ParseException, InvalidArgumentException {
        Transport t = flow.map(Flow::transport).orElse(socket.transport());
        ViaHeader via = headers.createViaHeader(IpLiteral.uriHost(socket.advertised()), socket.local().getPort(),
                t.sipName(), branch);
        via.setRPort();
        return via;
    }

    /** Removes the Proxy-Authorization credentials the caller gave us (for our realm) from a request we forward. */
    void consumeCredentials(Request out) {
        if (out.getHeader(ProxyAuthorizationHeader.NAME) != null) {
            DigestHeaders.consumeCredentials(out, ProxyAuthorizationHeader.NAME, realm.get());
        }
    }

    /** RFC 3261 16.6 step 3; a request that arrived with Max-Forwards 0 was refused before (or, an ACK, dropped). */
    void decrementMaxForwards(Request request) throws InvalidArgumentException, SipException {
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards == null) {
            request.setHeader(headers.createMaxForwardsHeader(70));
        } else {
            maxForwards.decrementMaxForwards();
        }
    }

    static void respond(ServerTransaction server, int status) {
        respond(server, status, null);
    }

    static void respond(ServerTransaction server, int status, String reason) {
        respond(server, status, reason, List.of());
    }

    /** A response without a server transaction, for a request the stack would not keep one for. */
    static void respondStatelessly(SipProvider provider, Request request, int status, String reason) {
        try {
            provider.sendResponse(Responses.create(status, reason, request, List.of()));
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not send {} for {}: {}", status, request.getMethod(), e.toString());
        }
    }

    static void respond(ServerTransaction server, int status, String reason, List<Header> extra) {
        Request request = server.getRequest();
        if (request == null) {
            // Answered already (e.g. a CANCEL during a DNS lookup), and the stack has released the request.
            LOG.debug("Not sending {}: the transaction has its final response", status);
            return;
        }
        try {
            server.sendResponse(Responses.create(status, reason, request, extra));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Could not send {} for {}: {}", status, request.getMethod(), e.toString());
        }
    }
}
