package org.natterjack.sip.proxy;

import java.net.Inet6Address;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sip.InvalidArgumentException;
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
import org.natterjack.cluster.PeerNodes;
import org.natterjack.net.Flow;
import org.natterjack.net.IpLiteral;
import org.natterjack.sip.dns.SipServer;
import org.natterjack.sip.dns.SipServerLocator;
import org.natterjack.sip.proxy.ProxyTransaction.Fallback;
import org.natterjack.sip.proxy.plan.CallPlan;
import org.natterjack.sip.proxy.plan.CallPlanner;
import org.natterjack.sip.proxy.plan.CallRequest;
import org.natterjack.sip.proxy.plan.Failover;
import org.natterjack.sip.proxy.plan.RouteChoice;
import org.natterjack.sip.transport.SipTransport;
import org.natterjack.users.UserPolicies;
import org.natterjack.users.UserPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what {@link CallPlanner} decides for an initial request on its {@link ProxyTransaction} (RFC 3261
 * 16.5 and 16.6): answers, redirects, forks to registered contacts, looks servers up in DNS and tries them
 * in turn, and when the branches fail resumes the plan where its failover says.
 */
public final class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
    static final Set<String> DIALOG_FORMING = Set.of(Request.INVITE, Request.SUBSCRIBE, Request.REFER);

    /** An initial request being routed: the transaction it is proxied on and the request as it arrived. */
    private record Routed(ProxyTransaction proxied, IncomingRequest in) {
        Request request() {
            return in.message();
        }
    }

    private final CallPlanner planner;
    private final SipTransport transport;
    private final SipServerLocator locator;
    private final RegisteredContacts contacts;
    private final Forwarding forwarding;
    private final LoopDetection loops;
    private final MediaAnchoring media;
    private final UserPolicies policies;
    private final LocalDomains domains;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public PlanExecutor(CallPlanner planner, SipTransport transport, SipServerLocator locator,
                        Forwarding forwarding, LoopDetection loops, MediaAnchoring media, UserPolicies policies,
                        LocalDomains domains, PeerNodes peers) throws javax.sip.PeerUnavailableException {
        this.planner = planner;
        this.transport = transport;
        this.locator = locator;
        this.contacts = new RegisteredContacts(transport, peers);
        this.forwarding = forwarding;
        this.loops = loops;
        this.media = media;
        this.policies = policies;
        this.domains = domains;
        this.headers = transport.headerFactory();
        this.addresses = transport.addressFactory();
    }

    /** Routes {@code in}, whose sender passed authentication as {@code caller}, through {@code proxied}. */
    void route(ProxyTransaction proxied, IncomingRequest in, CallerAuth.Caller caller) {
        Routed call = new Routed(proxied, in);
        CallPlan plan = planner.plan(callRequest(in, caller));
        synchronized (proxied) {
            run(call, plan);
        }
    }

    private static CallRequest callRequest(IncomingRequest in, CallerAuth.Caller caller) {
        Request request = in.message();
        boolean preloaded = request.getHeader(RouteHeader.NAME) != null;
        boolean known = caller instanceof CallerAuth.Caller.Known;
        if (!(request.getRequestURI() instanceof SipURI uri)) {
            return new CallRequest(false, false, Optional.empty(), "", -1, Optional.empty(), preloaded, known,
                    in.flow().remote().getAddress());
        }
        return new CallRequest(true, uri.isSecure(), Optional.ofNullable(uri.getUser()), uri.getHost(),
                uri.getPort(), Optional.ofNullable(uri.getTransportParam()), preloaded, known,
                in.flow().remote().getAddress());
    }

    private void run(Routed call, CallPlan plan) {
        if (plan instanceof CallPlan.Respond respond) {
            call.proxied().respond(respond.status(), respond.reason().orElse(null));
        } else if (plan instanceof CallPlan.Redirect redirect) {
            redirect(call, redirect);
        } else if (plan instanceof CallPlan.Fork fork) {
            routed(call, fork.choice());
            fork(call, contacts.targets(fork.contacts()), fallback(call, fork.failover()));
        } else if (plan instanceof CallPlan.Resolve resolve) {
            routed(call, resolve.choice());
            resolve(call, resolve);
        }
    }

    private static void routed(Routed call, RouteChoice choice) {
        call.proxied().call().routed(choice.rule(), choice.destination(), choice.user());
    }

    /** What the transaction does when the branches fail: resume the plan where {@code failover} says. */
    private Fallback fallback(Routed call, Failover failover) {
        Runnable next = failover.next().<Runnable>map(n -> () -> run(call, planner.resume(n))).orElse(null);
        return new Fallback(next, failover.on() == Failover.Trigger.ANY_FAILURE, failover.ringSeconds());
    }

    /**
     * Looks the host up (RFC 3263) off the SIP threads, then tries the servers found one after another
     * (RFC 3263 4.3); with none found, the plan's next step or its unresolved status.
     */
    private void resolve(Routed call, CallPlan.Resolve resolve) {
        Optional<Runnable> next = resolve.next().map(n -> () -> run(call, planner.resume(n)));
        locator.locate(resolve.host(), resolve.port(), resolve.transport()).whenComplete((servers, failure) -> {
            synchronized (call.proxied()) {
                if (call.proxied().isOver()) {
                    return;
                }
                List<Target> targets = failure == null
                        ? serverTargets((SipURI) call.request().getRequestURI(), resolve.user(), servers) : List.of();
                if (!targets.isEmpty()) {
                    inTurn(call, targets, 0, next.orElse(null));
                } else if (next.isPresent()) {
                    next.get().run();
                } else {
                    LOG.info("No SIP server found for {} ({})", resolve.host(),
                            failure == null ? "no usable DNS records" : failure.toString());
                    call.proxied().respond(resolve.unresolvedStatus(),
                            "No SIP server found for " + resolve.host());
                }
            }
        });
    }

    private void inTurn(Routed call, List<Target> targets, int index, Runnable next) {
        Runnable after = index + 1 < targets.size() ? () -> inTurn(call, targets, index + 1, next) : next;
        fork(call, List.of(targets.get(index)), new Fallback(after, false, 0));
    }

    /** Sends a branch to each target; {@code then} says what follows if none answers 2xx. */
    private void fork(Routed call, List<Target> targets, Fallback then) {
        ProxyTransaction proxied = call.proxied();
        Request request = call.request();
        boolean recordRoute = DIALOG_FORMING.contains(request.getMethod());
        if (Request.INVITE.equals(request.getMethod()) && !targets.isEmpty()) {
            boolean callerNated = callerBehindNat(call.in());
            proxied.call().parties(callerNated, targets.stream().anyMatch(Target::behindNat));
            Optional<SdpOutcome.Rejected> refused = media.onInvite(proxied, call.in(), targets, callerNated);
            if (refused.isPresent()) {
                proxied.respond(refused.get().status(), refused.get().reason());
                return;
            }
        }
        proxied.fallback(then);
        int sent = 0;
        for (Target target : targets) {
            try {
                proxied.addBranch(forwarding.prepare(request, target, call.in().socket(), Optional.of(call.in().flow()),
                        recordRoute, loops.branch(request)), target);
                sent++;
            } catch (SipException | ParseException | InvalidArgumentException | IllegalArgumentException e) {
                LOG.warn("Could not forward {} to {}: {}", request.getMethod(), target.requestUri(), e.toString());
            }
        }
        if (sent == 0) {
            if (then.next() != null) {
                then.next().run();
            } else {
                proxied.respond(Response.SERVICE_UNAVAILABLE);
            }
        }
    }

    /**
     * The NAT test of the request, overruled by the caller's NAT policy when its From names a local user
     * (such a caller has authenticated, or is a trusted peer).
     */
    private boolean callerBehindNat(IncomingRequest in) {
        UserPolicy policy = ((FromHeader) in.message().getHeader(FromHeader.NAME)).getAddress().getURI()
                instanceof SipURI from && from.getUser() != null && domains.contains(from.getHost())
                ? policies.of(from.getUser(), from.getHost().toLowerCase(Locale.ROOT)) : UserPolicy.DEFAULT;
        return !policy.natPolicy().apply(in.nat()).isEmpty();
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
     * Redirect mode (RFC 3261 8.3): 302 with one Contact per binding, naming the address the network showed
     * (the NAT's public side), so that a peer proxy routing by itself reaches the client.
     */
    private void redirect(Routed call, CallPlan.Redirect redirect) {
        List<Header> contactHeaders = new ArrayList<>();
        for (Flow f : redirect.contacts()) {
            try {
                SipURI uri = addresses.createSipURI(redirect.user(), IpLiteral.uriHost(f.remote().getAddress()));
                uri.setPort(f.remote().getPort());
                uri.setTransportParam(f.transport().sipName());
                contactHeaders.add(headers.createContactHeader(addresses.createAddress(uri)));
            } catch (ParseException e) {
                LOG.warn("Cannot write a Contact for {}: {}", f, e.toString());
            }
        }
        call.proxied().respond(Response.MOVED_TEMPORARILY, null, contactHeaders);
    }
}
