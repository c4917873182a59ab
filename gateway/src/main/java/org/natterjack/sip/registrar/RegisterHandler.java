package org.natterjack.sip.registrar;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.config.LocalDomains;
import org.natterjack.location.Binding;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.sip.digest.DigestFront;
import org.natterjack.sip.inspect.RequestInspection.Refusal;
import org.natterjack.sip.inspect.RequestInspection.Role;
import org.natterjack.sip.inspect.RequestInspection;
import org.natterjack.sip.nat.SipNat;
import org.natterjack.sip.transport.Replies;
import org.natterjack.sip.transport.Responses;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.users.UserPolicies;
import org.natterjack.users.UserPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a REGISTER into a {@link RegisterRequest}, authenticates it, hands it to the {@link Registrar} and
 * answers (RFC 3261 section 10.3). The only place where the registrar meets JAIN-SIP types.
 */
public final class RegisterHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);
    /** RFC 5626's option tag and header field. */
    private static final String OUTBOUND = "outbound";
    private static final String PATH = "Path";
    private static final String FLOW_TIMER = "Flow-Timer";

    private final Registrar registrar;
    private final LocalDomains domains;
    private final UserPolicies policies;
    private final DigestFront digest;
    private final IntSupplier maxContacts;
    private final IntSupplier flowTimerSeconds;
    private final Consumer<Flow.Connection> closeFlow;
    private final Replies replies;
    private final HeaderFactory headers;
    private final BooleanSupplier storeRefuses;
    private final Clock clock;

    /**
     * @param digest the digest front in its {@link DigestFront.Role#REGISTRAR} role
     * @param flowTimerSeconds the keepalive interval asked of RFC 5626 clients ({@code Flow-Timer}); 0: none asked
     * @param closeFlow closes the connection of a flow that a newer one replaced
     * @param storeRefuses true while the store is away beyond what memory may cover: registrations get 503
     */
    public RegisterHandler(Registrar registrar, LocalDomains domains, UserPolicies policies, DigestFront digest,
                           IntSupplier maxContacts, IntSupplier flowTimerSeconds, Consumer<Flow.Connection> closeFlow,
                           Replies replies, BooleanSupplier storeRefuses, Clock clock) {
        this.registrar = registrar;
        this.domains = domains;
        this.policies = policies;
        this.digest = digest;
        this.maxContacts = maxContacts;
        this.flowTimerSeconds = flowTimerSeconds;
        this.closeFlow = closeFlow;
        this.replies = replies;
        this.headers = replies.headers();
        this.storeRefuses = storeRefuses;
        this.clock = clock;
    }

    /** RFC 3261 10.3 in its order: Request-URI, Require, authentication, then the registrar's decision. */
    public void handle(Request request, SipSocket socket, Flow flow) {
        if (!(request.getRequestURI() instanceof SipURI requestUri)) {
            replies.send(socket, request, Response.UNSUPPORTED_URI_SCHEME, List.of());
            return;
        }
        URI toUri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (!(toUri instanceof SipURI to)) {
            // An address-of-record is a SIP or SIPS URI (RFC 3261 10.2; RFC 4475 3.3.4 expects 400).
            replies.send(socket, request, Response.BAD_REQUEST, "To is not a SIP address-of-record", List.of());
            return;
        }
        if (!domains.contains(requestUri.getHost()) || !domains.contains(to.getHost())) {
            replies.send(socket, request, Response.FORBIDDEN, "Not a local domain", List.of());
            return;
        }
        Optional<Refusal> refusal = RequestInspection.extensions(request, Role.USER_AGENT_SERVER);
        if (refusal.isPresent()) {
            replies.send(socket, request, refusal.get().status(), refusal.get().headers(headers));
            return;
        }
        if (to.getUser() == null || to.getUser().isEmpty()) {
            replies.send(socket, request, Response.NOT_FOUND, "No user in To", List.of());
            return;
        }
        String domain = to.getHost().toLowerCase(Locale.ROOT);
        String aor = "sip:" + to.getUser() + "@" + domain;
        UserPolicy policy = policies.of(to.getUser(), domain);
        DigestFront.Verdict verdict = digest.check(request, to.getUser(), domain, flow.remote().getAddress());
        if (verdict instanceof DigestFront.Verdict.Authenticated) {
            register(request, socket, flow, aor, policy);
        } else if (verdict instanceof DigestFront.Verdict.Blocked) {
            replies.send(socket, request, Response.FORBIDDEN, "Too many failed authentications", List.of());
        } else if (verdict instanceof DigestFront.Verdict.Replayed) {
            answerReplay(request, socket, flow, aor);
        } else if (verdict instanceof DigestFront.Verdict.Challenge challenge) {
            challenge(socket, request, challenge.stale());
        }
    }

    /**
     * A nonce count seen before: a UDP retransmission of a REGISTER already applied (its 200 got lost) gets
     * the current bindings again; otherwise a fresh challenge. Not counted as a failed login: a replay
     * cannot guess a password, and under load a retransmission can overtake its original, which must not
     * get a whole site behind one NAT blocked.
     */
    private void answerReplay(Request request, SipSocket socket, Flow flow, String aor) {
        String callId = callId(request);
        long cseq = cseq(request);
        boolean applied = registrar.bindings(aor).stream()
                .anyMatch(b -> b.callId().equals(callId) && b.cseq() == cseq);
        if (applied) {
            respond(socket, request, new RegisterOutcome.Accepted(registrar.bindings(aor)));
            return;
        }
        LOG.debug("Reused nonce count for {} from {}; challenging again", aor, flow.remote());
        challenge(socket, request, false);
    }

    private void register(Request request, SipSocket socket, Flow flow, String aor, UserPolicy policy) {
        RegisterRequest parsed;
        try {
            parsed = parse(request, flow, aor, policy);
        } catch (IllegalArgumentException e) {
            replies.send(socket, request, Response.BAD_REQUEST, e.getMessage(), List.of());
            return;
        }
        if (!parsed.contacts().isEmpty() && storeRefuses.getAsBoolean()) {
            // The store is away beyond what memory may cover (see StoreGate).
            replies.send(socket, request, Response.SERVICE_UNAVAILABLE, "Store unavailable",
                    List.of(Responses.retryAfter(headers, Responses.STORE_RETRY_AFTER_SECONDS)));
            return;
        }
        List<Flow.Connection> replaced = replacedConnections(aor, parsed, flow);
        RegisterOutcome outcome = registrar.register(parsed);
        if (outcome instanceof RegisterOutcome.Accepted && !parsed.contacts().isEmpty()) {
            LOG.debug("Registered {} from {} nat={}", aor, flow, parsed.nat());
        }
        respond(socket, request, outcome);
        if (outcome instanceof RegisterOutcome.Accepted) {
            for (Flow.Connection old : replaced) {
                LOG.info("{}: a new flow ({}) replaces the one over {}; closing that connection", aor, flow, old);
                closeFlow.accept(old);
            }
        }
    }

    /**
     * The connections of this AOR's RFC 5626 flows (bound by instance and reg-id) that this REGISTER binds over
     * another flow: RFC 5626 6 replaces the binding, and the old connection, which the device no longer uses
     * (it moved, or its NAT gave it a new binding), would otherwise linger until it times out.
     */
    private List<Flow.Connection> replacedConnections(String aor, RegisterRequest request, Flow flow) {
        Set<String> flowKeys = new HashSet<>();
        for (ContactSpec c : request.contacts()) {
            if (c.instanceId().isPresent() && c.regId().isPresent()) {
                flowKeys.add(Binding.keyOf(c.uri(), c.instanceId(), c.regId()));
            }
        }
        List<Flow.Connection> replaced = new ArrayList<>();
        for (Binding b : flowKeys.isEmpty() ? List.<Binding>of() : registrar.bindings(aor)) {
            // A binding made through a Path came over an edge proxy's connection, which other clients share.
            if (flowKeys.contains(b.key()) && b.path().isEmpty() && b.received() instanceof Flow.Connection old
                    && !old.equals(flow) && !replaced.contains(old)) {
                replaced.add(old);
            }
        }
        return replaced;
    }

    private void respond(SipSocket socket, Request request, RegisterOutcome outcome) {
        try {
            if (outcome instanceof RegisterOutcome.Accepted accepted) {
                List<Header> contacts = new ArrayList<>();
                Instant now = clock.instant();
                for (Binding b : accepted.bindings()) {
                    contacts.add(contactHeader(b, now));
                }
                contacts.add(headers.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
                List<String> path = path(request);
                if (asksForOutbound(request, path)) {
                    contacts.addAll(outboundHeaders());
                }
                if (supports(request, RequestInspection.PATH)) {
                    // RFC 3327 5.3: the client learns the path its registration took.
                    for (String hop : path) {
                        contacts.add(headers.createHeader(PATH, hop));
                    }
                }
                replies.send(socket, request, Response.OK, contacts);
            } else if (outcome instanceof RegisterOutcome.IntervalTooBrief brief) {
                replies.send(socket, request, Response.INTERVAL_TOO_BRIEF,
                        List.of(headers.createMinExpiresHeader(brief.minExpires())));
            } else if (outcome instanceof RegisterOutcome.Refused refused) {
                replies.send(socket, request, refused.status(), refused.reason(), List.of());
            }
        } catch (InvalidArgumentException | ParseException e) {
            LOG.warn("Could not build the REGISTER response: {}", e.getMessage());
            replies.send(socket, request, Response.SERVER_INTERNAL_ERROR, List.of());
        }
    }

    /**
     * RFC 5626 6: a REGISTER that supports outbound and registers a flow (a Contact with {@code +sip.instance} and
     * {@code reg-id}) is told that the registrar took it as one ({@code Require: outbound}) and how often to send
     * its keepalives (CRLFCRLF on a connection, STUN on UDP) so that a dead flow is noticed in time.
     */
    private static boolean asksForOutbound(Request request, List<String> path) {
        if (!supports(request, OUTBOUND) || !firstHopSupportsOutbound(path)) {
            return false;
        }
        for (var it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader c = (ContactHeader) it.next();
            if (!c.isWildCard() && c.getParameter("reg-id") != null && c.getParameter("+sip.instance") != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 5626 6: through proxies, the flow is the first one's (the edge facing the client), so outbound holds only if
     * that one says so with {@code ob} in its Path URI.
     */
    private static boolean firstHopSupportsOutbound(List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        String first = path.get(0);
        int open = first.indexOf('<');
        int close = first.indexOf('>');
        String uri = open >= 0 && close > open ? first.substring(open + 1, close) : first;
        for (String param : uri.split(";")) {
            if (param.trim().equalsIgnoreCase("ob")) {
                return true;
            }
        }
        return false;
    }

    private static boolean supports(Request request, String optionTag) {
        for (var it = request.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            if (optionTag.equalsIgnoreCase(((SupportedHeader) it.next()).getOptionTag())) {
                return true;
            }
        }
        return false;
    }

    /** The Path header values (RFC 3327), topmost (the proxy nearest to us) first, as the proxies wrote them. */
    private static List<String> path(Request request) {
        List<String> hops = new ArrayList<>();
        for (var it = request.getHeaders(PATH); it.hasNext(); ) {
            // A header's text is "Path: value" (the stack writes one field per value).
            String field = it.next().toString();
            hops.add(field.substring(field.indexOf(':') + 1).trim());
        }
        return hops;
    }

    /** The Path, each value checked to make a Route (requests for the binding will carry it as one). */
    private List<String> routablePath(Request request) {
        List<String> path = path(request);
        for (String hop : path) {
            try {
                headers.createHeader(RouteHeader.NAME, hop);
            } catch (ParseException e) {
                throw new IllegalArgumentException("Path is not a route: " + hop);
            }
        }
        return path;
    }

    private List<Header> outboundHeaders() throws ParseException {
        List<Header> result = new ArrayList<>();
        result.add(headers.createRequireHeader(OUTBOUND));
        int flowTimer = flowTimerSeconds.getAsInt();
        if (flowTimer > 0) {
            result.add(headers.createHeader(FLOW_TIMER, Integer.toString(flowTimer)));
        }
        return result;
    }

    private Header contactHeader(Binding b, Instant now) throws ParseException {
        StringBuilder value = new StringBuilder("<").append(b.contact()).append(">;expires=")
                .append(b.secondsLeft(now));
        if (b.qValue() != 1000) {
            value.append(";q=").append(b.qValue() / 1000.0);
        }
        b.instanceId().ifPresent(i -> value.append(";+sip.instance=\"").append(i).append('"'));
        b.regId().ifPresent(r -> value.append(";reg-id=").append(r));
        return headers.createHeader(ContactHeader.NAME, value.toString());
    }

    private void challenge(SipSocket socket, Request request, boolean stale) {
        replies.send(socket, request, digest.role().challengeStatus(), digest.challenge(stale));
    }

    private RegisterRequest parse(Request request, Flow flow, String aor, UserPolicy policy) {
        List<ContactSpec> contacts = new ArrayList<>();
        boolean wildcard = false;
        for (var it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard()) {
                wildcard = true;
                continue;
            }
            contacts.add(contactSpec(c));
        }
        Set<NatIndication> nat = policy.natPolicy().apply(SipNat.ofRequest(request, flow));
        ExpiresHeader expires = request.getExpires();
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String userAgent = ua == null ? "" : String.join(" ", toStrings(ua.getProduct()));
        return new RegisterRequest(aor, callId(request), cseq(request), flow, nat, userAgent,
                expires == null ? OptionalInt.empty() : OptionalInt.of(expires.getExpires()),
                wildcard, contacts, policy.maxContacts(maxContacts.getAsInt()), routablePath(request));
    }

    private static ContactSpec contactSpec(ContactHeader c) {
        int expires = c.getExpires();
        float q = c.getQValue();
        if (q > 1.0f) {
            throw new IllegalArgumentException("Invalid q value");
        }
        String regId = c.getParameter("reg-id");
        OptionalInt regIdValue;
        try {
            regIdValue = regId == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(regId.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid reg-id");
        }
        String instance = c.getParameter("+sip.instance");
        if (instance != null) {
            instance = instance.replace("\"", "");
        }
        return new ContactSpec(c.getAddress().getURI().toString(),
                expires < 0 ? OptionalInt.empty() : OptionalInt.of(expires),
                q < 0 ? 1000 : Math.round(q * 1000),
                Optional.ofNullable(instance), regIdValue);
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static long cseq(Request request) {
        return ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private static List<String> toStrings(java.util.ListIterator<?> products) {
        List<String> parts = new ArrayList<>();
        products.forEachRemaining(p -> parts.add(String.valueOf(p)));
        return parts;
    }
}
