package org.natterjack.sip.proxy.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.natterjack.config.LocalDomains;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;
import org.natterjack.net.Transport;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RingGroup;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkHop;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.users.UserPolicies;
import org.natterjack.users.UserPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an initial request goes (RFC 3261 16.5): the routing table's rules in order, with their failover; a
 * local user's registered contacts, forked in parallel; a ring group's members, all at once or one after the
 * other; a next hop, a trunk of the PSTN plug-in or another domain's servers found in DNS; a redirect; or a
 * refusal. A local user without a binding is reached through its home route when it has one (set by an
 * admin, so it counts as a routing rule's destination).
 *
 * <p>Decides only: it reads the routing table, the location service, users and trunks, and returns a
 * {@link CallPlan}; running it on a transaction is the proxy's executor's work.
 */
public final class CallPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(CallPlanner.class);

    private final Supplier<RoutingTable> routing;
    private final LocationService location;
    private final UserDirectory users;
    private final UserPolicies policies;
    private final LocalDomains domains;
    private final BooleanSupplier foreignDomains;
    private final TrunkResolver trunks;
    private final Set<Transport> transports;

    /**
     * @param foreignDomains whether known callers may reach other domains through DNS ({@code dns.foreign-domains})
     * @param transports the transports we have sockets for
     */
    public CallPlanner(Supplier<RoutingTable> routing, LocationService location, UserDirectory users,
                       UserPolicies policies, LocalDomains domains, BooleanSupplier foreignDomains,
                       TrunkResolver trunks, Set<Transport> transports) {
        this.routing = routing;
        this.location = location;
        this.users = users;
        this.policies = policies;
        this.domains = domains;
        this.foreignDomains = foreignDomains;
        this.trunks = trunks;
        this.transports = Set.copyOf(transports);
    }

    /** The first step for {@code call}. */
    public CallPlan plan(CallRequest call) {
        if (call.preloadedRoute()) {
            return CallPlan.Respond.with(403, "Preloaded routes to other proxies are not followed");
        }
        if (!call.sipUri()) {
            // A tel URI passed validation but has no route until the PSTN adapter routes numbers.
            return CallPlan.Respond.with(404, "No route for tel URIs");
        }
        if (call.user().isEmpty()) {
            return CallPlan.Respond.with(404);
        }
        String user = call.user().get();
        List<Attempt> attempts = routing.get().routes(user, call.source()).stream()
                .map(r -> new Attempt(r.destination(), r.user(), false, "rule " + r.rule().id())).toList();
        if (attempts.isEmpty() && !domains.contains(call.host())) {
            return foreignDomain(call, user);
        }
        if (attempts.isEmpty()) {
            attempts = List.of(new Attempt(new Destination.LocalUser(user), user, false, "local user"));
        }
        return attempt(new Next.Route(call, attempts, 0));
    }

    /** The step at {@code next}, after the steps before it failed. */
    public CallPlan resume(Next next) {
        if (next instanceof Next.Route route) {
            return attempt(route);
        }
        Next.Member member = (Next.Member) next;
        return hunt(member.group(), member.host(), member.member(), member.afterGroup(), member.rule());
    }

    /** Only local users and trusted peers may reach beyond our domains, and only when configured to. */
    private CallPlan foreignDomain(CallRequest call, String user) {
        if (!call.knownCaller()) {
            return CallPlan.Respond.with(403, "Relaying not allowed");
        }
        if (!foreignDomains.getAsBoolean()) {
            return CallPlan.Respond.with(403, "No route to destination");
        }
        if (call.secure()) {
            return CallPlan.Respond.with(416, "sips needs TLS, which is not configured");
        }
        Optional<Transport> transport = call.transportParam().flatMap(this::supported);
        if (call.transportParam().isPresent() && transport.isEmpty()) {
            return CallPlan.Respond.with(503, "Transport " + call.transportParam().get() + " is not supported");
        }
        return new CallPlan.Resolve(call.host(), call.port(), transport, user, 404, Optional.empty(),
                new RouteChoice("other domain", "domain:" + call.host(), user));
    }

    /** The transport a URI's transport parameter names, if we have sockets for it. */
    private Optional<Transport> supported(String param) {
        return transports.stream().filter(t -> t.sipName().equalsIgnoreCase(param)).findFirst();
    }

    private CallPlan attempt(Next.Route route) {
        CallRequest call = route.call();
        Attempt attempt = route.attempts().get(route.index());
        Optional<Next> next = route.index() + 1 < route.attempts().size()
                ? Optional.of(new Next.Route(call, route.attempts(), route.index() + 1)) : Optional.empty();
        String host = call.host().toLowerCase(Locale.ROOT);
        Destination destination = attempt.destination();
        if (destination instanceof Destination.Reject reject) {
            return CallPlan.Respond.with(reject.status());
        } else if (destination instanceof Destination.Redirect redirect) {
            return redirect(redirect.user().equals("*") ? attempt.user() : redirect.user(), host, call.knownCaller());
        } else if (destination instanceof Destination.NextHop hop) {
            if (!call.knownCaller()) {
                return CallPlan.Respond.with(403, "Relaying not allowed");
            }
            return new CallPlan.Resolve(hop.host(), hop.port(), Optional.of(Transport.of(hop.transport())),
                    attempt.user(), 503, next, new RouteChoice(attempt.rule(), destination.text(), attempt.user()));
        } else if (destination instanceof Destination.Trunk trunk) {
            return trunk(call.knownCaller(), trunk.name(), attempt.user(), next, attempt.rule());
        } else if (destination instanceof Destination.Group group) {
            return ringGroup(group.name(), host, next, attempt.rule());
        }
        Destination.LocalUser local = (Destination.LocalUser) destination;
        String user = local.user().equals("*") ? attempt.user() : local.user();
        List<Binding> bindings = bindings(user, host);
        UserPolicy policy = policies.of(user, host);
        Optional<Destination> home = homeRoute(!bindings.isEmpty(), attempt.homeRoute(), policy);
        if (!bindings.isEmpty()) {
            return new CallPlan.Fork(bindings, Failover.onServerFailure(next),
                    new RouteChoice(attempt.rule(), "user:" + user, user));
        }
        if (home.isPresent()) {
            LOG.info("{}@{} has no binding: the call goes to its home route {}", user, host, policy.homeRoute());
            List<Attempt> rerouted = new ArrayList<>(route.attempts());
            rerouted.set(route.index(), new Attempt(home.get(), user, true, "home route"));
            return attempt(new Next.Route(call, rerouted, route.index()));
        }
        return next.map(this::resume).orElseGet(() -> CallPlan.Respond.with(unreachable(call.knownCaller(), user, host)));
    }

    /**
     * Where a call to a user goes instead of its bindings: its home route while it has none, unless the call
     * already follows a home route (a home route {@code user:} to another unreachable user ends in 480).
     */
    static Optional<Destination> homeRoute(boolean reachable, boolean followingHomeRoute, UserPolicy policy) {
        return reachable || followingHomeRoute ? Optional.empty() : policy.homeDestination();
    }

    /**
     * The answer for a user without bindings: 480 for a known user, 404 for an unknown one, but only to a
     * caller who may know the difference (a local user or trusted peer); anyone else gets 480 for both, so
     * that calls from outside cannot tell which extensions exist.
     */
    private int unreachable(boolean knownCaller, String user, String host) {
        return knownCaller && users.find(user, host).isEmpty() ? 404 : 480;
    }

    private CallPlan redirect(String user, String host, boolean knownCaller) {
        List<Binding> bindings = bindings(user, host);
        if (bindings.isEmpty()) {
            return CallPlan.Respond.with(unreachable(knownCaller, user, host));
        }
        return new CallPlan.Redirect(user, bindings.stream().map(Binding::received).toList());
    }

    /**
     * A ring group: every member's contacts at once, or member after member ({@link #hunt}); members without
     * a binding (unknown or unregistered) are skipped. With nobody reachable, {@code next} or 480.
     */
    private CallPlan ringGroup(String name, String host, Optional<Next> next, String rule) {
        Optional<RingGroup> found = routing.get().group(name);
        if (found.isEmpty()) {
            LOG.warn("A route names ring group {}, which does not exist: add it with 'natterjack group add'", name);
            return next.map(this::resume).orElseGet(() -> CallPlan.Respond.with(404, "No ring group " + name));
        }
        RingGroup group = found.get();
        if (group.strategy() == RingGroup.Strategy.SEQUENTIAL) {
            return hunt(group, host, 0, next, rule);
        }
        List<Binding> bindings = group.members().stream().flatMap(m -> bindings(m, host).stream()).toList();
        if (bindings.isEmpty()) {
            return nobodyInGroup(name, next);
        }
        return new CallPlan.Fork(bindings, new Failover(next, Failover.Trigger.SERVER_FAILURE, group.ringSeconds()),
                new RouteChoice(rule, "group:" + name, String.join(",", group.members())));
    }

    /**
     * Rings the first reachable member from {@code from} on for the group's ring time; when it does not
     * answer, the next reachable one. After the last, the route's {@code next} on 408 or 5xx, as for a user.
     */
    private CallPlan hunt(RingGroup group, String host, int from, Optional<Next> next, String rule) {
        int member = reachableMember(group, host, from);
        if (member < 0) {
            return nobodyInGroup(group.name(), next);
        }
        Failover then = reachableMember(group, host, member + 1) < 0
                ? new Failover(next, Failover.Trigger.SERVER_FAILURE, group.ringSeconds())
                : new Failover(Optional.of(new Next.Member(group, host, member + 1, next, rule)),
                        Failover.Trigger.ANY_FAILURE, group.ringSeconds());
        String user = group.members().get(member);
        return new CallPlan.Fork(bindings(user, host), then, new RouteChoice(rule, "group:" + group.name(), user));
    }

    /** The index of the first member from {@code from} on with a binding, or -1. */
    private int reachableMember(RingGroup group, String host, int from) {
        for (int i = from; i < group.members().size(); i++) {
            if (!bindings(group.members().get(i), host).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private CallPlan nobodyInGroup(String name, Optional<Next> next) {
        return next.map(this::resume)
                .orElseGet(() -> CallPlan.Respond.with(480, "Nobody in group " + name + " is reachable"));
    }

    /**
     * A trunk: like a next hop (local users and trusted peers only) at the address the PSTN plug-in names; a
     * trunk that is down is answered 503 at once, with the plug-in's reason, or fails over to {@code next}.
     */
    private CallPlan trunk(boolean knownCaller, String name, String user, Optional<Next> next, String rule) {
        if (!knownCaller) {
            return CallPlan.Respond.with(403, "Relaying not allowed");
        }
        TrunkHop hop = trunks.resolve(name, user);
        if (hop instanceof TrunkHop.Available up) {
            return new CallPlan.Resolve(up.host(), up.port(), Optional.of(Transport.of(up.transport())), up.user(),
                    503, next, new RouteChoice(rule, "trunk:" + name, up.user()));
        }
        if (next.isPresent()) {
            return resume(next.get());
        }
        String reason = ((TrunkHop.Unavailable) hop).reason();
        LOG.info("Trunk {} unavailable for {}: {}", name, user, reason);
        return CallPlan.Respond.with(503, "Trunk " + name + " unavailable: " + reason);
    }

    /** The bindings of {@code user} in {@code host}, none when {@code host} is not one of our domains. */
    private List<Binding> bindings(String user, String host) {
        return domains.contains(host) ? location.lookup("sip:" + user + "@" + host) : List.of();
    }
}
