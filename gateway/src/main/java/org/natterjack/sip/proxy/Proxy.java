package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.config.IpLiterals;
import org.natterjack.config.LocalDomains;
import org.natterjack.config.ProxySettings;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.sip.digest.DigestHeaders;
import org.natterjack.sip.registrar.Binding;
import org.natterjack.sip.registrar.BindingTarget;
import org.natterjack.sip.registrar.LocationService;
import org.natterjack.sip.transport.Flow;
import org.natterjack.sip.transport.SipOutbound;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.natterjack.sip.transport.Transactions;
import org.natterjack.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction-stateful proxy (RFC 3261 section 16): routes initial requests to the registered contacts
 * of local users, forking to all of them, and in-dialog requests along their route set. Parties behind NAT
 * are reached over the flow they registered on or that their Record-Route token names, never at the
 * private address in their Contact.
 */
public final class Proxy {

    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);
    private static final Set<String> DIALOG_FORMING = Set.of(Request.INVITE, Request.SUBSCRIBE, Request.REFER);

    private final SipTransport transport;
    private final LocationService location;
    private final UserDirectory users;
    private final LocalDomains domains;
    private final RecordRouting recordRouting;
    private final CallerAuth callerAuth;
    private final ScheduledExecutorService timers;
    private final ProxySettings settings;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public Proxy(SipTransport transport, LocationService location, UserDirectory users, LocalDomains domains,
                 FlowTokens tokens, CallerAuth callerAuth, ScheduledExecutorService timers, ProxySettings settings)
            throws javax.sip.PeerUnavailableException {
        this.callerAuth = callerAuth;
        this.transport = transport;
        this.location = location;
        this.users = users;
        this.domains = domains;
        this.recordRouting = new RecordRouting(tokens, domains, transport);
        this.timers = timers;
        this.settings = settings;
        this.headers = transport.headerFactory();
        this.addresses = transport.addressFactory();
    }

    /** True if {@code request} is addressed to the gateway itself rather than to be proxied. */
    public boolean isForUs(Request request) {
        return request.getRequestURI() instanceof SipURI uri && uri.getUser() == null
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && recordRouting.isOurs(uri);
    }

    public void onRequest(RequestEvent event, SipSocket socket, Flow flow) throws SipException {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.CANCEL -> onCancel(event, socket);
            case Request.ACK -> {
                if (event.getServerTransaction() == null) {
                    forwardAck(request, socket);
                }
            }
            default -> onStatefulRequest(event, socket, flow);
        }
    }

    private void onStatefulRequest(RequestEvent event, SipSocket socket, Flow flow) throws SipException {
        Request request = event.getRequest();
        ServerTransaction server = serverTransaction(event, socket.provider());
        if (server == null) {
            return;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
            respond(server, Response.TOO_MANY_HOPS);
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            respond(server, Response.TRYING);
        }
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            forwardInDialog(server, request, socket);
            return;
        }
        CallerAuth.Caller caller = callerAuth.check(request, flow);
        if (caller instanceof CallerAuth.Caller.Challenge challenge) {
            respond(server, Response.PROXY_AUTHENTICATION_REQUIRED, null, DigestHeaders.challenges(headers,
                    ProxyAuthenticateHeader.NAME, callerAuth.challenges(challenge)));
        } else if (caller instanceof CallerAuth.Caller.Refused refused) {
            respond(server, refused.status(), refused.reason());
        } else {
            routeInitial(server, request, socket, flow, caller);
        }
    }

    private void routeInitial(ServerTransaction server, Request request, SipSocket socket, Flow flow,
                              CallerAuth.Caller caller) throws SipException {
        if (!(request.getRequestURI() instanceof SipURI uri) || !domains.contains(uri.getHost())) {
            // Only local users and trusted peers may reach beyond our domains; no route exists yet for them.
            respond(server, Response.FORBIDDEN,
                    caller instanceof CallerAuth.Caller.Known ? "No route to destination" : "Relaying not allowed");
            return;
        }
        if (uri.getUser() == null) {
            respond(server, Response.NOT_FOUND);
            return;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        List<Binding> bindings = location.lookup("sip:" + uri.getUser() + "@" + host);
        if (bindings.isEmpty()) {
            boolean known = users.find(uri.getUser(), host).isPresent();
            respond(server, known ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND);
            return;
        }
        boolean recordRoute = DIALOG_FORMING.contains(request.getMethod());
        ProxyTransaction proxied = new ProxyTransaction(server, timers, settings.timerCSeconds());
        server.setApplicationData(proxied);
        int sent = 0;
        synchronized (proxied) {
            for (Binding binding : bindings) {
                try {
                    Target target = targetFor(binding);
                    proxied.addBranch(prepare(request, target, socket, Optional.of(flow), recordRoute), target);
                    sent++;
                } catch (SipException | ParseException | InvalidArgumentException | IllegalArgumentException e) {
                    LOG.warn("Could not forward {} to {} of {}: {}", request.getMethod(), binding.contact(),
                            binding.aor(), e.toString());
                }
            }
        }
        if (sent == 0) {
            respond(server, Response.SERVICE_UNAVAILABLE);
        }
    }

    private void forwardInDialog(ServerTransaction server, Request request, SipSocket socket) throws SipException {
        Request out = (Request) request.clone();
        Optional<Flow> next = recordRouting.popOwnRoutes(out);
        if (next.isEmpty() && out.getHeader(RouteHeader.NAME) == null
                && out.getRequestURI() instanceof SipURI uri && recordRouting.isOurs(uri)) {
            respond(server, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        SipSocket outSocket = next.map(transport::socketFor).orElse(socket);
        ProxyTransaction proxied = new ProxyTransaction(server, timers, settings.timerCSeconds());
        server.setApplicationData(proxied);
        try {
            Target target = new Target(out.getRequestURI(), next, outSocket);
            proxied.addBranch(prepare(out, target, socket, Optional.empty(), false), target);
        } catch (ParseException | InvalidArgumentException e) {
            respond(server, Response.SERVER_INTERNAL_ERROR);
        }
    }

    /** An ACK for a 2xx is end to end: forwarded statelessly along its route set. */
    private void forwardAck(Request request, SipSocket socket) {
        Request out = (Request) request.clone();
        Optional<Flow> next = recordRouting.popOwnRoutes(out);
        if (next.isEmpty() && out.getHeader(RouteHeader.NAME) == null
                && out.getRequestURI() instanceof SipURI uri && recordRouting.isOurs(uri)) {
            return;
        }
        SipSocket outSocket = next.map(transport::socketFor).orElse(socket);
        try {
            decrementMaxForwards(out);
            ViaHeader incoming = (ViaHeader) request.getHeader(ViaHeader.NAME);
            // Stateless forwarding: the same branch for every retransmission of this ACK (RFC 3261 16.11).
            out.addFirst(via(outSocket, next, "z9hG4bK-nj-ack-" + Integer.toHexString(incoming.getBranch().hashCode())));
            SipOutbound.sendStateless(outSocket, out, next);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Could not forward ACK to {}: {}", out.getRequestURI(), e.toString());
        }
    }

    private void onCancel(RequestEvent event, SipSocket socket) throws SipException {
        ServerTransaction server = serverTransaction(event, socket.provider());
        if (server == null) {
            return;
        }
        Optional<ProxyTransaction> invite = Transactions.cancelledInvite(server)
                .map(ServerTransaction::getApplicationData)
                .filter(ProxyTransaction.class::isInstance).map(ProxyTransaction.class::cast);
        if (invite.isEmpty()) {
            respond(server, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        respond(server, Response.OK);
        invite.get().cancel();
    }

    /** A response on one of our client transactions, or a stray one (a retransmitted 2xx) to relay statelessly. */
    public void onResponse(ResponseEvent event) {
        if (event.getClientTransaction() != null) {
            if (event.getClientTransaction().getApplicationData() instanceof ProxyTransaction.Branch branch) {
                branch.owner().onResponse(branch, event.getResponse());
            }
            return;
        }
        relayStateless(event.getResponse());
    }

    public void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof ProxyTransaction.Branch branch) {
            branch.owner().onTimeout(branch);
        }
    }

    private void relayStateless(Response response) {
        Response upstream = (Response) response.clone();
        ViaHeader ours = (ViaHeader) upstream.getHeader(ViaHeader.NAME);
        upstream.removeFirst(ViaHeader.NAME);
        if (!(upstream.getHeader(ViaHeader.NAME) instanceof ViaHeader next)) {
            return;
        }
        Transport t = Transport.of(next.getTransport());
        transport.sockets().stream().filter(s -> s.transport() == t).findFirst().ifPresent(socket -> {
            try {
                socket.provider().sendResponse(upstream);
            } catch (SipException e) {
                LOG.debug("Could not relay {} (our Via {}): {}", response.getStatusCode(), ours, e.toString());
            }
        });
    }

    private Target targetFor(Binding binding) throws ParseException {
        if (binding.target() instanceof BindingTarget.OverFlow over) {
            return new Target(addresses.createURI(binding.contact()), Optional.of(over.flow()),
                    transport.socketFor(over.flow()));
        }
        return new Target(addresses.createURI(binding.contact()), Optional.empty(),
                transport.socketFor(binding.received()));
    }

    /** The copy of {@code request} for one branch (RFC 3261 16.6 steps 1 to 8). */
    private Request prepare(Request request, Target target, SipSocket inSocket, Optional<Flow> inFlow,
                            boolean recordRoute) throws ParseException, InvalidArgumentException, SipException {
        Request out = (Request) request.clone();
        out.setRequestURI(target.requestUri());
        decrementMaxForwards(out);
        if (recordRoute) {
            out.addFirst(recordRouting.recordRoute(inSocket, inFlow));
            out.addFirst(recordRouting.recordRoute(target.socket(), target.flow()));
        }
        out.addFirst(via(target.socket(), target.flow(), null));
        return out;
    }

    private ViaHeader via(SipSocket socket, Optional<Flow> flow, String branch)
            throws ParseException, InvalidArgumentException {
        Transport t = flow.map(Flow::transport).orElse(socket.transport());
        ViaHeader via = headers.createViaHeader(IpLiterals.uriHost(socket.advertised()), socket.local().getPort(),
                t.sipName(), branch);
        via.setRPort();
        return via;
    }

    /** RFC 3261 16.6 step 3; a request that arrived with Max-Forwards 0 was refused before (or, an ACK, dropped). */
    private void decrementMaxForwards(Request request) throws InvalidArgumentException, SipException {
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards == null) {
            request.setHeader(headers.createMaxForwardsHeader(70));
        } else {
            maxForwards.decrementMaxForwards();
        }
    }

    private static ServerTransaction serverTransaction(RequestEvent event, SipProvider provider) throws SipException {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        }
    }

    private static void respond(ServerTransaction server, int status) {
        respond(server, status, null);
    }

    private static void respond(ServerTransaction server, int status, String reason) {
        respond(server, status, reason, List.of());
    }

    private static void respond(ServerTransaction server, int status, String reason, List<Header> extra) {
        try {
            Response response = SipOutbound.response(status, server.getRequest());
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            for (Header h : extra) {
                response.addHeader(h);
            }
            server.sendResponse(response);
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.debug("Could not send {} for {}: {}", status, server.getRequest().getMethod(), e.toString());
        }
    }
}
