package org.natterjack.sip.proxy;

import java.net.Inet6Address;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.config.LocalDomains;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.net.Flow;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RingGroup;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkHop;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.sip.dns.SipServer;
import org.natterjack.sip.dns.SipServerLocator;
import org.natterjack.sip.nat.SipNat;
import org.natterjack.sip.proxy.ProxyTransaction.Fallback;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.natterjack.users.UserPolicies;
import org.natterjack.users.UserPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an initial request goes (RFC 3261 16.5 and 16.6): the routing table's rules in order, with their
 * failover; a local user's registered contacts, forked in parallel; a ring group's members, all at once or
 * one after the other; a next hop or another domain's servers found in DNS (RFC 3263), tried in turn; a
 * trunk of the PSTN plug-in; a redirect; or a refusal. A local user without a binding is reached through its
 * home route when it has one (set by an admin, so it counts as a routing rule's destination).
 */
final class CallRouting {

    private static final Logger LOG = LoggerFactory.getLogger(CallRouting.class);
    private static final Set<String> DIALOG_FORMING = Set.of(Request.INVITE, Request.SUBSCRIBE, Request.REFER);

    /**
     * One way to try, in order: the routing table's matches, or the R-URI's local user when none matched.
     * {@code homeRoute}: taken for an unreachable user, so a second unreachable user ends it (no loops).
     */
    private record Attempt(Destination destination, String user, boolean homeRoute) {
    }

    private final SipTransport transport;
    private final RegisteredContacts contacts;
    private final UserDirectory users;
    private final UserPolicies policies;
    private final LocalDomains domains;
    private final Supplier<RoutingTable> routing;
    private final SipServerLocator locator;
    private final BooleanSupplier foreignDomains;
    private final Forwarding forwarding;
    private final LoopDetection loops;
    private final MediaAnchoring media;
    private final TrunkResolver trunks;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    CallRouting(SipTransport transport, LocationService location, UserDirectory users, UserPolicies policies,
                LocalDomains domains, Supplier<RoutingTable> routing, SipServerLocator locator,
                BooleanSupplier foreignDomains, Forwarding forwarding, LoopDetection loops, MediaAnchoring media,
                TrunkResolver trunks)
            throws javax.sip.PeerUnavailableException {
        this.transport = transport;
        this.contacts = new RegisteredContacts(transport, location, domains);
        this.users = users;
        this.policies = policies;
        this.domains = domains;
        this.routing = routing;
        this.locator = locator;
        this.foreignDomains = foreignDomains;
        this.forwarding = forwarding;
        this.loops = loops;
        this.media = media;
        this.trunks = trunks;
        this.headers = transport.headerFactory();
        this.addresses = transport.addressFactory();
    }

    /** Routes {@code request}, whose sender passed authentication as {@code caller}, through {@code proxied}. */
    void route(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, CallerAuth.Caller caller) {
        ServerTransaction server = proxied.server();
        if (request.getHeader(RouteHeader.NAME) != null) {
            Forwarding.respond(server, Response.FORBIDDEN, "Preloaded routes to other proxies are not followed");
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI uri) || uri.getUser() == null) {
            // A tel URI passed validation but has no route until the PSTN adapter routes numbers.
            Forwarding.respond(server, Response.NOT_FOUND, request.getRequestURI() instanceof SipURI ? null
                    : "No route for tel URIs");
            return;
        }
        boolean known = caller instanceof CallerAuth.Caller.Known;
        List<Attempt> attempts = routing.get().routes(uri.getUser(), flow.remote().getAddress()).stream()
                .map(r -> new Attempt(r.destination(), r.user(), false)).toList();
        if (attempts.isEmpty() && !domains.contains(uri.getHost())) {
            // Only local users and trusted peers may reach beyond our domains.
            if (!known) {
                Forwarding.respond(server, Response.FORBIDDEN, "Relaying not allowed");
            } else if (!foreignDomains.getAsBoolean()) {
                Forwarding.respond(server, Response.FORBIDDEN, "No route to destination");
            } else if (uri.isSecure()) {
                Forwarding.respond(server, Response.UNSUPPORTED_URI_SCHEME, "sips needs TLS, which is not configured");
            } else if (uri.getTransportParam() != null && transportParam(uri).isEmpty()) {
                Forwarding.respond(server, Response.SERVICE_UNAVAILABLE, "Transport " + uri.getTransportParam()
                        + " is not supported");
            } else {
                resolveAndFork(proxied, request, socket, flow, uri.getHost(), uri.getPort(), transportParam(uri),
                        uri.getUser(), Response.NOT_FOUND, null);
            }
            return;
        }
        if (attempts.isEmpty()) {
            attempts = List.of(new Attempt(new Destination.LocalUser(uri.getUser()), uri.getUser(), false));
        }
        synchronized (proxied) {
            attempt(proxied, request, socket, flow, known, attempts, 0);
        }
    }

    /** The URI's transport parameter if it names a transport we have sockets for (UDP, TCP). */
    private Optional<Transport> transportParam(SipURI uri) {
        String param = uri.getTransportParam();
        return transport.sockets().stream().map(SipSocket::transport).distinct()
                .filter(t -> t.sipName().equalsIgnoreCase(param)).findFirst();
    }

    /** Tries attempt {@code index}; if it fails with 408/5xx (or finds nobody) and more follow, the next. */
    private void attempt(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, boolean known,
                         List<Attempt> attempts, int index) {
        Attempt attempt = attempts.get(index);
        Runnable next = index + 1 < attempts.size()
                ? () -> attempt(proxied, request, socket, flow, known, attempts, index + 1) : null;
        SipURI uri = (SipURI) request.getRequestURI();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Destination destination = attempt.destination();
        if (destination instanceof Destination.Reject reject) {
            Forwarding.respond(proxied.server(), reject.status());
        } else if (destination instanceof Destination.Redirect redirect) {
            redirect(proxied.server(), redirect.user().equals("*") ? attempt.user() : redirect.user(), host, known);
        } else if (destination instanceof Destination.NextHop hop) {
            if (!known) {
                Forwarding.respond(proxied.server(), Response.FORBIDDEN, "Relaying not allowed");
                return;
            }
            resolveAndFork(proxied, request, socket, flow, hop.host(), hop.port(),
                    Optional.of(Transport.of(hop.transport())), attempt.user(), Response.SERVICE_UNAVAILABLE, next);
        } else if (destination instanceof Destination.Trunk trunk) {
            trunk(proxied, request, socket, flow, known, trunk.name(), attempt.user(), next);
        } else if (destination instanceof Destination.Group group) {
            ringGroup(proxied, request, socket, flow, group.name(), host, next);
        } else if (destination instanceof Destination.LocalUser local) {
            String user = local.user().equals("*") ? attempt.user() : local.user();
            List<Target> targets = contacts.targets(user, host);
            UserPolicy policy = policies.of(user, host);
            Optional<Destination> home = homeRoute(!targets.isEmpty(), attempt.homeRoute(), policy);
            if (!targets.isEmpty()) {
                fork(proxied, request, socket, flow, targets, Fallback.failover(next));
            } else if (home.isPresent()) {
                LOG.info("{}@{} has no binding: the call goes to its home route {}", user, host, policy.homeRoute());
                List<Attempt> rerouted = new ArrayList<>(attempts);
                rerouted.set(index, new Attempt(home.get(), user, true));
                attempt(proxied, request, socket, flow, known, rerouted, index);
            } else if (next != null) {
                next.run();
            } else {
                Forwarding.respond(proxied.server(), unreachable(known, user, host));
            }
        }
    }

    /**
     * The answer for a user without bindings: 480 for a known user, 404 for an unknown one, but only to a
     * caller who may know the difference (a local user or trusted peer); anyone else gets 480 for both, so
     * that calls from outside cannot tell which extensions exist.
     */
    private int unreachable(boolean knownCaller, String user, String host) {
        return knownCaller && users.find(user, host).isEmpty() ? Response.NOT_FOUND : Response.TEMPORARILY_UNAVAILABLE;
    }

    /**
     * Where a call to a user goes instead of its bindings: its home route while it has none, unless the call
     * already follows a home route (a home route {@code user:} to another unreachable user ends in 480).
     */
    static Optional<Destination> homeRoute(boolean reachable, boolean followingHomeRoute, UserPolicy policy) {
        return reachable || followingHomeRoute ? Optional.empty() : policy.homeDestination();
    }

    /**
     * A ring group: every member's contacts at once, or member after member ({@link #hunt}); members without
     * a binding (unknown or unregistered) are skipped. With nobody reachable, {@code next} or 480.
     */
    private void ringGroup(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, String name,
                           String host, Runnable next) {
        Optional<RingGroup> found = routing.get().group(name);
        if (found.isEmpty()) {
            LOG.warn("A route names ring group {}, which does not exist: add it with 'natterjack group add'", name);
            if (next != null) {
                next.run();
            } else {
                Forwarding.respond(proxied.server(), Response.NOT_FOUND, "No ring group " + name);
            }
            return;
        }
        RingGroup group = found.get();
        if (group.strategy() == RingGroup.Strategy.SEQUENTIAL) {
            hunt(proxied, request, socket, flow, group, host, 0, next);
            return;
        }
        List<Target> targets = group.members().stream().flatMap(m -> contacts.targets(m, host).stream()).toList();
        if (!targets.isEmpty()) {
            fork(proxied, request, socket, flow, targets, new Fallback(next, false, group.ringSeconds()));
        } else {
            nobodyInGroup(proxied, name, next);
        }
    }

    /**
     * Rings the first reachable member from {@code from} on for the group's ring time; when it does not
     * answer, the next reachable one. After the last, the route's {@code next} on 408 or 5xx, as for a user.
     */
    private void hunt(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, RingGroup group,
                      String host, int from, Runnable next) {
        int member = reachableMember(group, host, from);
        if (member < 0) {
            nobodyInGroup(proxied, group.name(), next);
            return;
        }
        Fallback then = reachableMember(group, host, member + 1) < 0
                ? new Fallback(next, false, group.ringSeconds())
                : new Fallback(() -> hunt(proxied, request, socket, flow, group, host, member + 1, next), true,
                        group.ringSeconds());
        fork(proxied, request, socket, flow, contacts.targets(group.members().get(member), host), then);
    }

    /** The index of the first member from {@code from} on with a binding, or -1. */
    private int reachableMember(RingGroup group, String host, int from) {
        for (int i = from; i < group.members().size(); i++) {
            if (!contacts.bindings(group.members().get(i), host).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static void nobodyInGroup(ProxyTransaction proxied, String name, Runnable next) {
        if (next != null) {
            next.run();
        } else {
            Forwarding.respond(proxied.server(), Response.TEMPORARILY_UNAVAILABLE,
                    "Nobody in group " + name + " is reachable");
        }
    }

    /**
     * A trunk: like a next hop (local users and trusted peers only) at the address the PSTN plug-in names; a
     * trunk that is down is answered 503 at once, with the plug-in's reason, or fails over to {@code next}.
     */
    private void trunk(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, boolean known,
                       String name, String user, Runnable next) {
        if (!known) {
            Forwarding.respond(proxied.server(), Response.FORBIDDEN, "Relaying not allowed");
            return;
        }
        TrunkHop hop = trunks.resolve(name, user);
        if (hop instanceof TrunkHop.Available up) {
            resolveAndFork(proxied, request, socket, flow, up.host(), up.port(),
                    Optional.of(Transport.of(up.transport())), up.user(), Response.SERVICE_UNAVAILABLE, next);
        } else if (next != null) {
            next.run();
        } else {
            String reason = ((TrunkHop.Unavailable) hop).reason();
            LOG.info("Trunk {} unavailable for {}: {}", name, user, reason);
            Forwarding.respond(proxied.server(), Response.SERVICE_UNAVAILABLE,
                    "Trunk " + name + " unavailable: " + reason);
        }
    }

    /**
     * Looks {@code host} up (RFC 3263) off the SIP threads, then tries the servers found one after another
     * (RFC 3263 4.3); with none found, {@code next} or {@code unresolved}.
     */
    private void resolveAndFork(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, String host,
                                int port, Optional<Transport> transportParam, String user, int unresolved,
                                Runnable next) {
        locator.locate(host, port, transportParam).whenComplete((servers, failure) -> {
            synchronized (proxied) {
                if (proxied.isOver()) {
                    return;
                }
                List<Target> targets = failure == null ? serverTargets((SipURI) request.getRequestURI(), user, servers)
                        : List.of();
                if (!targets.isEmpty()) {
                    inTurn(proxied, request, socket, flow, targets, 0, next);
                } else if (next != null) {
                    next.run();
                } else {
                    LOG.info("No SIP server found for {} ({})", host, failure == null ? "no usable DNS records" : failure.toString());
                    Forwarding.respond(proxied.server(), unresolved, "No SIP server found for " + host);
                }
            }
        });
    }

    private void inTurn(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, List<Target> targets,
                        int index, Runnable next) {
        Runnable after = index + 1 < targets.size()
                ? () -> inTurn(proxied, request, socket, flow, targets, index + 1, next) : next;
        fork(proxied, request, socket, flow, List.of(targets.get(index)), Fallback.failover(after));
    }

    /** Sends a branch to each target; {@code then} says what follows if none answers 2xx. */
    private void fork(ProxyTransaction proxied, Request request, SipSocket socket, Flow flow, List<Target> targets,
                      Fallback then) {
        boolean recordRoute = DIALOG_FORMING.contains(request.getMethod());
        if (Request.INVITE.equals(request.getMethod()) && !targets.isEmpty()) {
            Optional<SdpOutcome.Rejected> refused = media.onInvite(proxied, request, flow, socket, targets,
                    callerBehindNat(request, flow));
            if (refused.isPresent()) {
                Forwarding.respond(proxied.server(), refused.get().status(), refused.get().reason());
                return;
            }
        }
        proxied.fallback(then);
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
            if (then.next() != null) {
                then.next().run();
            } else {
                Forwarding.respond(proxied.server(), Response.SERVICE_UNAVAILABLE);
            }
        }
    }

    /**
     * The NAT test of the request, overruled by the caller's NAT policy when its From names a local user
     * (such a caller has authenticated, or is a trusted peer).
     */
    private boolean callerBehindNat(Request request, Flow flow) {
        UserPolicy policy = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI()
                instanceof SipURI from && from.getUser() != null && domains.contains(from.getHost())
                ? policies.of(from.getUser(), from.getHost().toLowerCase(Locale.ROOT)) : UserPolicy.DEFAULT;
        return !policy.natPolicy().apply(SipNat.ofRequest(request, flow)).isEmpty();
    }

    /**
     * A branch per server: the Request-URI keeps its domain (with {@code user}, after number manipulation),
     * and the request is sent to the server's address without a Route header, as RFC 3263 resolution asks.
     */
    private List<Target> serverTargets(SipURI original, String user, List<SipServer> servers) {
        SipURI requestUri = (SipURI) original.clone();
        try {
            requestUri.setUser(user);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad user part " + user, e);
        }
        List<Target> targets = new ArrayList<>();
        for (SipServer server : servers) {
            boolean v6 = server.address().getAddress() instanceof Inet6Address;
            transport.sockets().stream()
                    .filter(s -> s.transport() == server.transport())
                    .filter(s -> (s.local().getAddress() instanceof Inet6Address) == v6)
                    .findFirst()
                    .ifPresentOrElse(s -> targets.add(new Target(requestUri,
                                    Optional.of(Flow.of(s.transport(), s.local(), server.address())), s, false, false)),
                            () -> LOG.debug("No {} socket for {}", server.transport(), server.address()));
        }
        return targets;
    }

    /**
     * Redirect mode (RFC 3261 8.3): 302 with one Contact per binding of {@code user}, naming the address the
     * network showed (the NAT's public side), so that a peer proxy routing by itself reaches the client.
     */
    private void redirect(ServerTransaction server, String user, String host, boolean known) {
        List<Binding> bindings = contacts.bindings(user, host);
        if (bindings.isEmpty()) {
            Forwarding.respond(server, unreachable(known, user, host));
            return;
        }
        List<Header> contactHeaders = new ArrayList<>();
        for (Binding b : bindings) {
            Flow f = b.received();
            try {
                SipURI uri = addresses.createSipURI(user, IpLiteral.uriHost(f.remote().getAddress()));
                uri.setPort(f.remote().getPort());
                uri.setTransportParam(f.transport().sipName());
                contactHeaders.add(headers.createContactHeader(addresses.createAddress(uri)));
            } catch (ParseException e) {
                LOG.warn("Cannot write a Contact for {}: {}", f, e.toString());
            }
        }
        Forwarding.respond(server, Response.MOVED_TEMPORARILY, null, contactHeaders);
    }
}
