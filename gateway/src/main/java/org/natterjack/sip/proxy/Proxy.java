package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
import javax.sip.header.CallIdHeader;
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
import org.natterjack.config.NatSettings;
import org.natterjack.config.ProxySettings;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RoutingTable;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.sip.digest.DigestHeaders;
import org.natterjack.sip.nat.SipNat;
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
    private final Supplier<RoutingTable> routing;
    private final ScheduledExecutorService timers;
    private final ProxySettings settings;
    private final boolean rewriteContact;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Forwarding forwarding;
    private final LoopDetection loops;

    public Proxy(SipTransport transport, LocationService location, UserDirectory users, LocalDomains domains,
                 FlowTokens tokens, CallerAuth callerAuth, Supplier<RoutingTable> routing,
                 ScheduledExecutorService timers, ProxySettings settings, NatSettings nat)
            throws javax.sip.PeerUnavailableException {
        this.callerAuth = callerAuth;
        this.routing = routing;
        this.transport = transport;
        this.location = location;
        this.users = users;
        this.domains = domains;
        this.recordRouting = new RecordRouting(tokens, domains, transport);
        this.timers = timers;
        this.settings = settings;
        this.rewriteContact = nat.rewriteContact();
        this.headers = transport.headerFactory();
        this.addresses = transport.addressFactory();
        this.forwarding = new Forwarding(headers, addresses, recordRouting);
        this.loops = new LoopDetection(transport.sockets().stream()
                .map(s -> IpLiterals.uriHost(s.advertised()).toLowerCase(Locale.ROOT) + ":" + s.local().getPort())
                .collect(Collectors.toSet()));
    }

    /** True if {@code request} is addressed to the gateway itself rather than to be proxied. */
    public boolean isForUs(Request request) {
        return request.getRequestURI() instanceof SipURI uri && uri.getUser() == null
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && recordRouting.isOurs(uri);
    }

    public void onRequest(RequestEvent event, SipSocket socket, Flow flow) throws SipException {
        Request request = event.getRequest();
        if (rewriteContact && !SipNat.ofRequest(request, flow).isEmpty()) {
            SipNat.fixContact(request, flow);
        }
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
            Forwarding.respond(server, Response.TOO_MANY_HOPS);
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            Forwarding.respond(server, Response.TRYING);
        }
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            forwardInDialog(server, request, socket);
            return;
        }
        // A preloaded Route naming us (an upstream proxy's next hop) is consumed (RFC 3261 16.4).
        recordRouting.popOwnRoutes(request);
        if (loops.isLoop(request)) {
            LOG.info("Loop detected for {} (Call-ID {}); answering 482", request.getRequestURI(),
                    ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
            Forwarding.respond(server, Response.LOOP_DETECTED);
            return;
        }
        CallerAuth.Caller caller = callerAuth.check(request, flow);
        if (caller instanceof CallerAuth.Caller.Challenge challenge) {
            Forwarding.respond(server, Response.PROXY_AUTHENTICATION_REQUIRED, null, DigestHeaders.challenges(
                    headers, ProxyAuthenticateHeader.NAME, callerAuth.challenges(challenge)));
        } else if (caller instanceof CallerAuth.Caller.Refused refused) {
            Forwarding.respond(server, refused.status(), refused.reason());
        } else {
            routeInitial(server, request, socket, flow, caller);
        }
    }

    /** One way to try, in order: the routing table's matches, or the R-URI's local user when none matched. */
    private record Attempt(Destination destination, String user) {
    }

    private void routeInitial(ServerTransaction server, Request request, SipSocket socket, Flow flow,
                              CallerAuth.Caller caller) throws SipException {
        if (request.getHeader(RouteHeader.NAME) != null) {
            Forwarding.respond(server, Response.FORBIDDEN, "Preloaded routes to other proxies are not followed");
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI uri) || uri.getUser() == null) {
            Forwarding.respond(server, request.getRequestURI() instanceof SipURI ? Response.NOT_FOUND
                    : Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        List<Attempt> attempts = routing.get().routes(uri.getUser(), flow.remote().getAddress()).stream()
                .map(r -> new Attempt(r.destination(), r.user())).toList();
        if (attempts.isEmpty()) {
            if (!domains.contains(uri.getHost())) {
                // Only local users and trusted peers may reach beyond our domains, and only by a route.
                Forwarding.respond(server, Response.FORBIDDEN, caller instanceof CallerAuth.Caller.Known
                        ? "No route to destination" : "Relaying not allowed");
                return;
            }
            attempts = List.of(new Attempt(new Destination.LocalUser(uri.getUser()), uri.getUser()));
        }
        ProxyTransaction proxied = new ProxyTransaction(server, timers, settings.timerCSeconds(), settings.failoverSeconds());
        server.setApplicationData(proxied);
        synchronized (proxied) {
            attempt(proxied, request, socket, flow, caller, attempts, 0);
        }
    }

    /** Tries attempt {@code index}; if it fails with 408/5xx (or finds nobody) and more follow, the next. */
    private void attempt(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow,
                         CallerAuth.Caller caller, List<Attempt> attempts, int index) {
        Attempt attempt = attempts.get(index);
        Runnable next = index + 1 < attempts.size()
                ? () -> attempt(proxied, request, socket, flow, caller, attempts, index + 1) : null;
        SipURI uri = (SipURI) request.getRequestURI();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Destination destination = attempt.destination();
        if (destination instanceof Destination.Reject reject) {
            Forwarding.respond(proxied.server(), reject.status());
        } else if (destination instanceof Destination.Redirect redirect) {
            redirect(proxied.server(), redirect.user().equals("*") ? attempt.user() : redirect.user(), host);
        } else if (destination instanceof Destination.NextHop hop) {
            if (!(caller instanceof CallerAuth.Caller.Known)) {
                Forwarding.respond(proxied.server(), Response.FORBIDDEN, "Relaying not allowed");
                return;
            }
            fork(proxied, request, socket, flow, List.of(hopTarget(hop, uri, attempt.user())), next);
        } else if (destination instanceof Destination.LocalUser local) {
            String user = local.user().equals("*") ? attempt.user() : local.user();
            List<Binding> bindings = domains.contains(host) ? location.lookup("sip:" + user + "@" + host) : List.of();
            if (bindings.isEmpty()) {
                if (next != null) {
                    next.run();
                } else {
                    Forwarding.respond(proxied.server(), users.find(user, host).isPresent()
                            ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND);
                }
                return;
            }
            List<Target> targets = new ArrayList<>();
            for (Binding binding : bindings) {
                try {
                    targets.add(targetFor(binding));
                } catch (ParseException | IllegalArgumentException e) {
                    LOG.warn("Cannot reach {} of {}: {}", binding.contact(), binding.aor(), e.toString());
                }
            }
            fork(proxied, request, socket, flow, targets, next);
        }
    }

    /** Sends a branch to each target; {@code next} is tried if they all end in 408 or 5xx. */
    private void fork(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, List<Target> targets,
                      Runnable next) {
        boolean recordRoute = DIALOG_FORMING.contains(request.getMethod());
        proxied.onFailure(next);
        int sent = 0;
        for (Target target : targets) {
            try {
                proxied.addBranch(forwarding.prepare(request, target, socket, Optional.of(flow), recordRoute,
                        loops.branch(request)), target);
                sent++;
            } catch (SipException | ParseException | InvalidArgumentException | IllegalArgumentException e) {
                LOG.warn("Could not forward {} to {}: {}", request.getMethod(), target.requestUri(), e.toString());
            }
        }
        if (sent == 0) {
            if (next != null) {
                next.run();
            } else {
                Forwarding.respond(proxied.server(), Response.SERVICE_UNAVAILABLE);
            }
        }
    }

    /** The request goes to the next hop as its Route; the Request-URI keeps its domain, with the rewritten user. */
    private Target hopTarget(Destination.NextHop hop, SipURI original, String user) {
        try {
            SipURI requestUri = (SipURI) original.clone();
            requestUri.setUser(user);
            SipURI route = addresses.createSipURI(null, hop.host().contains(":") ? "[" + hop.host() + "]" : hop.host());
            route.setPort(hop.port());
            route.setTransportParam(hop.transport());
            route.setLrParam();
            Transport t = Transport.of(hop.transport());
            SipSocket socket = transport.sockets().stream().filter(s -> s.transport() == t).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + t + " socket for " + hop));
            return new Target(requestUri, Optional.empty(), socket, Optional.of(route));
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad next hop " + hop + ": " + e.getMessage(), e);
        }
    }

    /**
     * Redirect mode (RFC 3261 8.3): 302 with one Contact per binding of {@code user}, naming the address the
     * network showed (the NAT's public side), so that a peer proxy routing by itself reaches the client.
     */
    private void redirect(ServerTransaction server, String user, String host) {
        List<Binding> bindings = domains.contains(host) ? location.lookup("sip:" + user + "@" + host) : List.of();
        if (bindings.isEmpty()) {
            Forwarding.respond(server, users.find(user, host).isPresent() ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND);
            return;
        }
        List<Header> contacts = new ArrayList<>();
        for (Binding b : bindings) {
            Flow f = b.received();
            try {
                SipURI uri = addresses.createSipURI(user, IpLiterals.uriHost(f.remote().getAddress()));
                uri.setPort(f.remote().getPort());
                uri.setTransportParam(f.transport().sipName());
                contacts.add(headers.createContactHeader(addresses.createAddress(uri)));
            } catch (ParseException e) {
                LOG.warn("Cannot write a Contact for {}: {}", f, e.toString());
            }
        }
        Forwarding.respond(server, Response.MOVED_TEMPORARILY, null, contacts);
    }

    private void forwardInDialog(ServerTransaction server, Request request, SipSocket socket) throws SipException {
        Request out = (Request) request.clone();
        Optional<Flow> next = recordRouting.popOwnRoutes(out);
        if (next.isEmpty() && out.getHeader(RouteHeader.NAME) == null
                && out.getRequestURI() instanceof SipURI uri && recordRouting.isOurs(uri)) {
            Forwarding.respond(server, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        SipSocket outSocket = next.map(transport::socketFor).orElse(socket);
        ProxyTransaction proxied = new ProxyTransaction(server, timers, settings.timerCSeconds(), settings.failoverSeconds());
        server.setApplicationData(proxied);
        try {
            Target target = new Target(out.getRequestURI(), next, outSocket);
            proxied.addBranch(forwarding.prepare(out, target, socket, Optional.empty(), false, loops.branch(out)), target);
        } catch (ParseException | InvalidArgumentException e) {
            Forwarding.respond(server, Response.SERVER_INTERNAL_ERROR);
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
            forwarding.decrementMaxForwards(out);
            ViaHeader incoming = (ViaHeader) request.getHeader(ViaHeader.NAME);
            // Stateless forwarding: the same branch for every retransmission of this ACK (RFC 3261 16.11).
            out.addFirst(forwarding.via(outSocket, next, "z9hG4bK-nj-ack-" + Integer.toHexString(incoming.getBranch().hashCode())));
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
            Forwarding.respond(server, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Forwarding.respond(server, Response.OK);
        invite.get().cancel();
    }

    /** A response on one of our client transactions, or a stray one (a retransmitted 2xx) to relay statelessly. */
    public void onResponse(ResponseEvent event) {
        if (rewriteContact) {
            SipSocket socket = transport.socketOf((SipProvider) event.getSource());
            Flow from = socket.arrivalFlow(event.getResponse());
            if (SipNat.contactIsNated(event.getResponse(), from)) {
                SipNat.fixContact(event.getResponse(), from);
            }
        }
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
}
