package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.admission.Admission;
import org.natterjack.cdr.CallRecords;
import org.natterjack.cdr.OpenCall;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.ProxySettings;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.metrics.CallMeters;
import org.natterjack.cluster.PeerNodes;
import org.natterjack.net.Flow;
import org.natterjack.sip.inspect.RequestInspection.Refusal;
import org.natterjack.sip.inspect.RequestInspection.Role;
import org.natterjack.sip.inspect.RequestInspection;
import org.natterjack.sip.nat.SipNat;
import org.natterjack.sip.transport.BranchMatched;
import org.natterjack.sip.transport.SipOutbound;
import org.natterjack.sip.transport.Responses;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.natterjack.sip.transport.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction-stateful proxy (RFC 3261 section 16): checks requests (Max-Forwards, loops, the caller's
 * credentials), hands initial requests to {@link PlanExecutor}, and forwards in-dialog requests, ACKs and
 * CANCELs along their route set. Parties behind NAT
 * are reached over the flow they registered on or that their Record-Route token names, never at the
 * private address in their Contact.
 */
public final class Proxy implements BranchMatched {

    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);
    /** RFC 5626 11.5. */
    private static final int FLOW_FAILED = 430;

    private final SipTransport transport;
    private final RecordRouting recordRouting;
    private final Forwarding forwarding;
    private final LoopDetection loops;
    private final StatelessRelay strays;
    private final MediaAnchoring media;
    private final PlanExecutor executor;
    private final CallerAuth callerAuth;
    private final ProxyTimers timers;
    private final LiveConfig config;
    private final Admission admission;
    private final HeaderFactory headers;
    private final CallMeters calls;
    private final CallRecords records;
    private final PeerNodes peers;
    private final BooleanSupplier storeRefuses;

    public Proxy(SipTransport transport, RecordRouting recordRouting, Forwarding forwarding, LoopDetection loops,
                 StatelessRelay strays, MediaAnchoring media, PlanExecutor executor, CallerAuth callerAuth,
                 ScheduledExecutorService timers, LiveConfig config, Admission admission, CallMeters calls,
                 CallRecords records, PeerNodes peers, BooleanSupplier storeRefuses)
            throws javax.sip.PeerUnavailableException {
        this.transport = transport;
        this.recordRouting = recordRouting;
        this.forwarding = forwarding;
        this.loops = loops;
        this.strays = strays;
        this.media = media;
        this.executor = executor;
        this.callerAuth = callerAuth;
        this.timers = ProxyTimers.on(timers);
        this.config = config;
        this.admission = admission;
        this.calls = calls;
        this.records = records;
        this.peers = peers;
        this.storeRefuses = storeRefuses;
        this.headers = transport.headerFactory();
    }

    /**
     * A new call while the gateway drains, or while its store is away beyond what memory may cover (its accounts and
     * routes may be stale, see StoreGate): 503 with Retry-After, before any routing work.
     */
    private boolean refusedForNow(ServerTransaction server) {
        Optional<Admission.Drain> drain = admission.draining();
        if (drain.isPresent()) {
            Forwarding.respond(server, Response.SERVICE_UNAVAILABLE, null,
                    List.of(Responses.retryAfter(headers, (int) drain.get().retryAfter().toSeconds())));
            return true;
        }
        if (storeRefuses.getAsBoolean()) {
            Forwarding.respond(server, Response.SERVICE_UNAVAILABLE, "Store unavailable",
                    List.of(Responses.retryAfter(headers, Responses.STORE_RETRY_AFTER_SECONDS)));
            return true;
        }
        return false;
    }

    /** Ends anchored calls whose media died, and frees relay sessions nobody closed; for a periodic job. */
    public void endIdleCalls() {
        media.endIdleCalls();
    }

    /**
     * Ends an answered anchored call for an operator: a BYE to each party, then the relay session closes.
     *
     * @return false if no answered call has this Call-ID
     */
    public boolean hangUp(String callId) {
        return media.hangUp(callId);
    }

    /** True if {@code request} is addressed to the gateway itself rather than to be proxied. */
    public boolean isForUs(Request request) {
        return request.getRequestURI() instanceof SipURI uri && uri.getUser() == null
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && recordRouting.isOurs(uri);
    }

    public void onRequest(RequestEvent event, SipSocket socket, Flow flow) throws SipException {
        Request request = event.getRequest();
        IncomingRequest in = new IncomingRequest(request, socket, flow);
        if (config.nat().rewriteContact() && !in.nat().isEmpty()) {
            SipNat.fixContact(request, flow);
        }
        switch (request.getMethod()) {
            case Request.CANCEL -> onCancel(event, socket);
            case Request.ACK -> {
                if (event.getServerTransaction() == null) {
                    forwardAck(request, socket, flow);
                }
            }
            default -> onStatefulRequest(event, in);
        }
    }

    private void onStatefulRequest(RequestEvent event, IncomingRequest in) throws SipException {
        Request request = in.message();
        SipSocket socket = in.socket();
        Flow flow = in.flow();
        ServerTransaction server = serverTransaction(event, socket.provider());
        if (server == null) {
            return;
        }
        // Request validation (RFC 3261 16.3) in its order: URI scheme, Max-Forwards, loops, Proxy-Require.
        if (refused(server, RequestInspection.uriScheme(request, Role.PROXY))) {
            return;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
            Forwarding.respond(server, Response.TOO_MANY_HOPS);
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (!inDialog && Request.INVITE.equals(request.getMethod()) && refusedForNow(server)) {
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            Forwarding.respond(server, Response.TRYING);
        }
        if (inDialog) {
            forwardInDialog(server, request, socket, flow);
            return;
        }
        // A preloaded Route naming us (an upstream proxy's next hop) is consumed (RFC 3261 16.4).
        RecordRouting.OwnRoutes own = recordRouting.popOwnRoutes(request);
        if (own.next().isPresent() && peers.isPeer(flow.remote().getAddress())) {
            forwardDownHeldFlow(server, request, socket, own.next().get());
            return;
        }
        if (loops.isLoop(request)) {
            LOG.info("Loop detected for {} (Call-ID {}); answering 482", request.getRequestURI(),
                    ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
            Forwarding.respond(server, Response.LOOP_DETECTED);
            return;
        }
        if (refused(server, RequestInspection.extensions(request, Role.PROXY))) {
            return;
        }
        CallerAuth.Caller caller = callerAuth.check(request, flow);
        if (caller instanceof CallerAuth.Caller.Challenge || caller instanceof CallerAuth.Caller.Refused) {
            refuse(server, caller);
        } else {
            boolean invite = Request.INVITE.equals(request.getMethod());
            ProxyTransaction proxied = proxied(server, invite ? calls.started() : CallMeters.Setup.NOT_A_CALL,
                    invite ? open(request) : OpenCall.NOT_A_CALL);
            executor.route(proxied, in, caller);
        }
    }

    /**
     * Another node routed a request to a party whose flow this node holds (see {@link RegisteredContacts}): it goes
     * down that flow, record-routed so that the party's in-dialog requests come back through here. The other node
     * authorized, routed, recorded and anchored the call; this one only carries it.
     */
    private void forwardDownHeldFlow(ServerTransaction server, Request request, SipSocket socket, Flow down) {
        if (down instanceof Flow.Connection connection && !transport.isOpen(connection)) {
            Forwarding.respond(server, FLOW_FAILED, "Flow Failed");
            return;
        }
        ProxyTransaction proxied = proxied(server, CallMeters.Setup.NOT_A_CALL, OpenCall.NOT_A_CALL);
        Target target = new Target(request.getRequestURI(), Optional.of(down), transport.socketFor(down), true, false);
        try {
            proxied.addBranch(forwarding.prepare(request, target, socket, Optional.empty(),
                    PlanExecutor.DIALOG_FORMING.contains(request.getMethod()), loops.branch(request)), target);
        } catch (ParseException | InvalidArgumentException e) {
            proxied.respond(Response.SERVER_INTERNAL_ERROR);
        } catch (SipException e) {
            LOG.debug("Could not send {} down {}: {}", request.getMethod(), down, e.toString());
            proxied.respond(Response.SERVICE_UNAVAILABLE);
        }
    }

    /** The record of the call {@code invite} starts. */
    private OpenCall open(Request invite) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        return records.open(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
                userOf(from.getAddress().getURI()), from.getTag() == null ? "" : from.getTag(),
                userOf(invite.getRequestURI()));
    }

    private static String userOf(URI uri) {
        return uri instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : uri.toString();
    }

    private boolean refused(ServerTransaction server, Optional<Refusal> refusal) {
        refusal.ifPresent(r -> Forwarding.respond(server, r.status(), null, r.headers(headers)));
        return refusal.isPresent();
    }

    private void forwardInDialog(ServerTransaction server, Request request, SipSocket socket, Flow flow)
            throws SipException {
        Request out = (Request) request.clone();
        RecordRouting.OwnRoutes own = recordRouting.popOwnRoutes(out);
        if (own.popped() == 0 && out.getHeader(RouteHeader.NAME) == null
                && out.getRequestURI() instanceof SipURI uri && recordRouting.isOurs(uri)) {
            Forwarding.respond(server, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        if (!inDialogAllowed(server, request, own, flow)) {
            return;
        }
        Optional<Flow> next = own.next();
        if (next.isPresent() && next.get() instanceof Flow.Connection connection && !transport.isOpen(connection)) {
            // RFC 5626 5.3: the flow the dialog's route names is dead, and a proxy never opens one again.
            Forwarding.respond(server, FLOW_FAILED, "Flow Failed");
            return;
        }
        SipSocket outSocket = next.map(transport::socketFor).orElse(socket);
        ProxyTransaction proxied = proxied(server, CallMeters.Setup.NOT_A_CALL, OpenCall.NOT_A_CALL);
        Optional<SdpOutcome.Rejected> refused = media.onInDialogRequest(proxied, out, flow);
        if (refused.isPresent()) {
            proxied.respond(refused.get().status(), refused.get().reason());
            return;
        }
        if (Request.BYE.equals(request.getMethod())) {
            records.bye(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                    ((FromHeader) request.getHeader(FromHeader.NAME)).getTag(), ReasonCause.q850(request));
        }
        try {
            Target target = new Target(out.getRequestURI(), next, outSocket, false, false);
            proxied.addBranch(forwarding.prepareCopy(out, target, socket, Optional.empty(), false, loops.branch(out)),
                    target);
        } catch (ParseException | InvalidArgumentException e) {
            proxied.respond(Response.SERVER_INTERNAL_ERROR);
        } catch (SipException e) {
            // RFC 3261 16.9: a transport error (the next hop does not resolve, for one) counts as a 503.
            LOG.debug("Could not forward {} to {}: {}", request.getMethod(), out.getRequestURI(), e.toString());
            proxied.respond(Response.SERVICE_UNAVAILABLE);
        }
    }

    /** The proxy's side of {@code server}, attached to it so that a CANCEL finds it. */
    private ProxyTransaction proxied(ServerTransaction server, CallMeters.Setup setup, OpenCall call) {
        ProxySettings settings = config.proxy();
        ProxyTransaction proxied = new ProxyTransaction(Upstream.of(server), Downstream.STACK, timers,
                settings.timerCSeconds(), settings.failoverSeconds(), setup, call);
        server.setApplicationData(proxied);
        return proxied;
    }

    /**
     * Whether an in-dialog request may pass, else answered ({@code server} null for an ACK: dropped). A
     * request that follows a route set we signed for its dialog goes on when its next hop is a flow of ours
     * (it can only reach that party) or when it comes from a party of the dialog; anything else (forged or
     * foreign Routes, a request that goes elsewhere) only for a caller who may reach any destination, as if
     * it started a call: without this, a made-up To tag would turn the proxy into an open relay.
     */
    private boolean inDialogAllowed(ServerTransaction server, Request request, RecordRouting.OwnRoutes own,
                                    Flow flow) {
        if (own.next().isPresent() || own.cameFrom(flow.remote().getAddress())) {
            return true;
        }
        CallerAuth.Caller caller = callerAuth.check(request, flow);
        if (caller instanceof CallerAuth.Caller.Known) {
            return true;
        }
        LOG.info("Refused in-dialog {} from {} to {} (Call-ID {}): not on a route set of ours, caller {}",
                request.getMethod(), flow.remote(), request.getRequestURI(),
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(), caller);
        if (server == null) {
            return false;
        }
        if (caller instanceof CallerAuth.Caller.Outside) {
            Forwarding.respond(server, Response.FORBIDDEN, "Not a dialog of this gateway");
        } else {
            refuse(server, caller);
        }
        return false;
    }

    /** Answers a caller who must authenticate (407) or is refused. */
    private void refuse(ServerTransaction server, CallerAuth.Caller caller) {
        if (caller instanceof CallerAuth.Caller.Challenge challenge) {
            Forwarding.respond(server, callerAuth.challengeStatus(), null, callerAuth.challenge(challenge));
        } else if (caller instanceof CallerAuth.Caller.Refused refused) {
            Forwarding.respond(server, refused.status(), refused.reason());
        }
    }

    /**
     * An ACK for a 2xx is end to end: forwarded statelessly along its route set. No transaction keeps it, so
     * it is changed in place rather than copied.
     */
    private void forwardAck(Request ack, SipSocket socket, Flow flow) {
        RecordRouting.OwnRoutes own = recordRouting.popOwnRoutes(ack);
        if (own.popped() == 0 && ack.getHeader(RouteHeader.NAME) == null
                && ack.getRequestURI() instanceof SipURI uri && recordRouting.isOurs(uri)) {
            return;
        }
        if (!inDialogAllowed(null, ack, own, flow)) {
            return;
        }
        Optional<Flow> next = own.next();
        if (next.isPresent() && next.get() instanceof Flow.Connection connection && !transport.isOpen(connection)) {
            return;
        }
        SipSocket outSocket = next.map(transport::socketFor).orElse(socket);
        media.onInDialogRequest(null, ack, flow);
        try {
            forwarding.consumeCredentials(ack);
            forwarding.decrementMaxForwards(ack);
            ViaHeader incoming = (ViaHeader) ack.getHeader(ViaHeader.NAME);
            // Stateless forwarding: the same branch for every retransmission of this ACK (RFC 3261 16.11).
            String branch = "z9hG4bK-nj-ack-" + Integer.toHexString(incoming.getBranch().hashCode());
            ack.addFirst(forwarding.via(outSocket, next, branch));
            SipOutbound.sendStateless(outSocket, ack, next);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Could not forward ACK to {}: {}", ack.getRequestURI(), e.toString());
        }
    }

    /** A CANCEL the stack made a transaction for (one with an RFC 2543 branch; see {@link #onCancel(Request, Optional, SipSocket)}). */
    private void onCancel(RequestEvent event, SipSocket socket) throws SipException {
        ServerTransaction server = serverTransaction(event, socket.provider());
        if (server == null) {
            return;
        }
        Optional<ServerTransaction> invite = Transactions.cancelledInvite(server);
        Forwarding.respond(server, cancelStatus(invite));
        proxied(invite).ifPresent(ProxyTransaction::cancel);
    }

    /**
     * A CANCEL matched by branch (RFC 3261 16.10): answered statelessly, 200 with the INVITE's pending branches
     * cancelled, or 481; a retransmission gets the same answer again.
     */
    @Override
    public void onCancel(Request cancel, Optional<ServerTransaction> inviteTransaction, SipSocket socket) {
        Forwarding.respondStatelessly(socket.provider(), cancel, cancelStatus(inviteTransaction), null);
        proxied(inviteTransaction).ifPresent(ProxyTransaction::cancel);
    }

    /** 200 for the CANCEL of an INVITE we proxy or proxied (too late to cancel is still 200), else 481. */
    private static int cancelStatus(Optional<ServerTransaction> invite) {
        return invite.map(ServerTransaction::getApplicationData)
                .filter(state -> state instanceof ProxyTransaction || state == ProxyTransaction.Released.STATE)
                .isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
    }

    private static Optional<ProxyTransaction> proxied(Optional<ServerTransaction> invite) {
        return invite.map(ServerTransaction::getApplicationData)
                .filter(ProxyTransaction.class::isInstance).map(ProxyTransaction.class::cast);
    }

    /** A response on one of our client transactions, or a stray one (a retransmitted 2xx) to relay statelessly. */
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (event.getClientTransaction() == null) {
            onStrayResponse(response, transport.socketOf((SipProvider) event.getSource()));
            return;
        }
        if (config.nat().rewriteContact()) {
            fixNatedContact(response, transport.socketOf((SipProvider) event.getSource()));
        }
        if (event.getClientTransaction().getApplicationData() instanceof ProxyTransaction.Branch branch) {
            branch.owner().onResponse(branch, response);
        }
    }

    /**
     * A response that matches no client transaction (a 2xx retransmitted after the INVITE transaction ended,
     * or junk): relayed statelessly if it carries our Via, else dropped.
     */
    @Override
    public void onStrayResponse(Response response, SipSocket socket) {
        if (config.nat().rewriteContact()) {
            fixNatedContact(response, socket);
        }
        relayStray(response);
    }

    private static void fixNatedContact(Response response, SipSocket socket) {
        Flow from = socket.arrivalFlow(response);
        if (SipNat.contactIsNated(response, from)) {
            SipNat.fixContact(response, from);
        }
    }

    private void relayStray(Response response) {
        StatelessRelay.upstream(response, loops::isOwn).ifPresent(upstream -> {
            media.onStrayResponse(upstream);
            strays.send(upstream);
        });
    }

    public void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof ProxyTransaction.Branch branch) {
            branch.owner().onTimeout(branch);
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
        } catch (TransactionUnavailableException e) {
            if (!(e.getCause() instanceof ParseException missing)) {
                throw e;
            }
            // The RI keeps no transaction for a request without a header it needs (Max-Forwards; Contact in
            // one that creates a dialog, RFC 3261 8.1.1.8): a malformed request, answered 400 statelessly.
            Forwarding.respondStatelessly(provider, event.getRequest(), Response.BAD_REQUEST, missing.getMessage());
            return null;
        }
    }
}
