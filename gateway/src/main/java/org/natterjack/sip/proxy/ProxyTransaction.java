package org.natterjack.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import javax.sip.SipException;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.cdr.OpenCall;
import org.natterjack.metrics.CallMeters;
import org.natterjack.sip.transport.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request proxied statefully (RFC 3261 16.6 to 16.8): the server transaction towards the caller and a
 * client transaction per branch. Responses are relayed upstream as they come: provisionals at once, every
 * 2xx at once (cancelling the other branches), and when all branches have ended without a 2xx, the best
 * final response. Timer C limits how long an INVITE branch may ring.
 *
 * <p>All state changes are synchronized on this object; the stack calls in from several threads.
 *
 * <p>Once the final response went upstream and every branch ended, the stack's transactions let go of this
 * object: they linger for up to 32 s absorbing retransmissions, and at a thousand calls a second the request,
 * branches and closures held all that time were most of what the collector copied.
 */
final class ProxyTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyTransaction.class);

    /**
     * What follows when the branches about to be added end without a 2xx.
     *
     * @param next what to try then; null for nothing (the best response goes upstream)
     * @param afterAnyFailure {@code next} follows any final response (a ring group's next member), not only
     *     408 or 5xx (the routing table's failover)
     * @param ringSeconds how long the branches may ring before they are cancelled and count as 408; 0 for
     *     timer C alone
     */
    record Fallback(Runnable next, boolean afterAnyFailure, int ringSeconds) {

        /** The routing table's failover: {@code next} (if not null) after 408 or 5xx. */
        static Fallback failover(Runnable next) {
            return new Fallback(next, false, 0);
        }
    }

    /** What a lingering server transaction holds instead of its released ProxyTransaction. */
    enum Released { STATE }

    /** One forwarded copy of the request. */
    final class Branch {
        private final Target target;
        private Downstream.Leg leg;
        private ProxyTimers.Timer timerC;
        private ProxyTimers.Timer ringLimit;
        private ProxyTimers.Timer failoverTimer;
        private boolean anyResponse;
        private boolean provisionalSeen;
        private boolean ended;

        private Branch(Target target) {
            this.target = target;
        }

        ProxyTransaction owner() {
            return ProxyTransaction.this;
        }
    }

    private final Upstream upstream;
    private final Downstream downstream;
    private final boolean invite;
    private final ProxyTimers timers;
    private final long timerCSeconds;
    private final long failoverSeconds;
    private final List<Branch> branches = new ArrayList<>();
    /** The best final response so far: its status, and the response itself unless it was made up here (408). */
    private int bestStatus;
    private Response bestResponse;
    private boolean finalSent;
    private boolean cancelled;
    private boolean released;
    /** What to try when every branch so far failed. */
    private Fallback fallback = Fallback.failover(null);
    private ResponseHook hook = ResponseHook.NONE;
    private final CallMeters.Setup setup;
    private final OpenCall call;

    /**
     * @param setup the call this INVITE sets up, for the call meters; {@code NOT_A_CALL} for other requests
     * @param call the same call, for its record
     */
    ProxyTransaction(Upstream upstream, Downstream downstream, ProxyTimers timers, long timerCSeconds,
                     long failoverSeconds, CallMeters.Setup setup, OpenCall call) {
        this.upstream = upstream;
        this.downstream = downstream;
        this.invite = Request.INVITE.equals(upstream.request().getMethod());
        this.timers = timers;
        this.timerCSeconds = timerCSeconds;
        this.failoverSeconds = failoverSeconds;
        this.setup = setup;
        this.call = call;
    }

    /** The call this transaction's INVITE sets up ({@code NOT_A_CALL} for other requests). */
    OpenCall call() {
        return call;
    }

    /**
     * Answers the caller with a response of our own (a refusal decided before or instead of any branch).
     *
     * @param reason null for the standard phrase
     */
    synchronized void respond(int status, String reason, List<Header> extra) {
        send(Responses.create(status, reason, upstream.request(), extra));
    }

    void respond(int status, String reason) {
        respond(status, reason, List.of());
    }

    void respond(int status) {
        respond(status, null, List.of());
    }

    /** True once the caller cancelled or a final response went upstream: no new branch may start. */
    synchronized boolean isOver() {
        return cancelled || finalSent;
    }

    /** Sets what else happens when responses go upstream (the media relay's rewriting). */
    synchronized void hook(ResponseHook responseHook) {
        hook = responseHook;
    }

    /** Sets what follows should the branches added from now on all fail. */
    synchronized void fallback(Fallback then) {
        fallback = then;
    }

    /** Sends {@code request} (already prepared for {@code target}) as a new branch. */
    synchronized void addBranch(Request request, Target target) throws SipException {
        Branch branch = new Branch(target);
        branch.leg = downstream.send(request, target, branch);
        branches.add(branch);
        if (invite) {
            branch.timerC = timers.after(timerCSeconds, () -> stopRinging(branch, "timer C fired"));
        }
        int ringSeconds = fallback.ringSeconds();
        if (invite && ringSeconds > 0) {
            branch.ringLimit = timers.after(ringSeconds, () -> stopRinging(branch, "rang " + ringSeconds + " s"));
        }
        if (fallback.next() != null) {
            // With somewhere else to go, a silent next hop is given up quickly, not after timer B's 32 s.
            branch.failoverTimer = timers.after(failoverSeconds, () -> unanswered(branch));
        }
    }

    private synchronized void unanswered(Branch branch) {
        if (branch.ended || branch.anyResponse) {
            return;
        }
        LOG.info("No response from {} within {} s; failing over", branch.target.requestUri(), failoverSeconds);
        end(branch);
        try {
            branch.leg.stop();
        } catch (javax.sip.ObjectInUseException e) {
            LOG.debug("Could not stop retransmissions to {}", branch.target.requestUri());
        }
        consider(Response.REQUEST_TIMEOUT, null);
        finishIfDone();
    }

    synchronized void onResponse(Branch branch, Response response) {
        int status = response.getStatusCode();
        branch.anyResponse = true;
        cancel(branch.failoverTimer);
        if (status == 100 || branch.ended) {
            return;
        }
        if (status < 200) {
            branch.provisionalSeen = true;
            restartTimerC(branch);
            if (!finalSent) {
                hook.beforeRelay(response, branch.target);
                relay(response);
            }
            return;
        }
        end(branch);
        if (status < 300) {
            hook.beforeRelay(response, branch.target);
            relay(response);
            finalSent = true;
            hook.answered(response, branch.target);
            cancelPending("a 2xx arrived on another branch");
            return;
        }
        if (status >= 600) {
            cancelPending("a 6xx arrived on another branch");
        }
        consider(status, response);
        finishIfDone();
    }

    /** A branch that got no response at all (the stack's timer B/F fired): counts as 408. */
    synchronized void onTimeout(Branch branch) {
        if (branch.ended) {
            return;
        }
        end(branch);
        consider(Response.REQUEST_TIMEOUT, null);
        finishIfDone();
    }

    /** The caller cancelled (RFC 3261 16.10): cancel every pending branch; their 487s end the transaction. */
    synchronized void cancel() {
        cancelled = true;
        cancelPending("the caller cancelled");
        if (branches.isEmpty() && !finalSent) {
            sendUpstream(Response.REQUEST_TERMINATED);
        }
    }

    private void stopRinging(Branch branch, String why) {
        synchronized (this) {
            if (branch.ended) {
                return;
            }
            LOG.debug("Stopping branch to {}: {}", branch.target.requestUri(), why);
            if (branch.provisionalSeen) {
                sendCancel(branch);
            }
            // RFC 3261 16.8: behave as if the branch had answered 408; its late 487 is then ignored.
            end(branch);
            consider(Response.REQUEST_TIMEOUT, null);
            finishIfDone();
        }
    }

    private void consider(int status, Response response) {
        if (ResponseChoice.isBetter(status, bestStatus)) {
            bestStatus = status;
            bestResponse = response;
        }
    }

    private void finishIfDone() {
        if (!allEnded() || finalSent) {
            return;
        }
        boolean failed = fallback.afterAnyFailure() || bestStatus == Response.REQUEST_TIMEOUT
                || (bestStatus >= 500 && bestStatus < 600);
        if (failed && fallback.next() != null && !cancelled) {
            Runnable next = fallback.next();
            fallback = Fallback.failover(null);
            bestStatus = 0;
            bestResponse = null;
            LOG.debug("All branches failed; trying the next route or ring group member");
            next.run();
            return;
        }
        int status = bestStatus == 0 ? (cancelled ? Response.REQUEST_TERMINATED : Response.REQUEST_TIMEOUT)
                : ResponseChoice.upstreamStatus(bestStatus);
        if (bestResponse != null && status == bestStatus) {
            relay(bestResponse);
        } else {
            sendUpstream(status);
        }
    }

    private boolean allEnded() {
        return branches.stream().allMatch(b -> b.ended);
    }

    private void end(Branch branch) {
        branch.ended = true;
        cancel(branch.timerC);
        cancel(branch.ringLimit);
        cancel(branch.failoverTimer);
        releaseIfDone();
    }

    private static void cancel(ProxyTimers.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void releaseIfDone() {
        if (released || !finalSent || !allEnded()) {
            return;
        }
        released = true;
        upstream.release();
        branches.forEach(b -> b.leg.release());
    }

    private void restartTimerC(Branch branch) {
        if (branch.timerC != null) {
            cancel(branch.timerC);
            branch.timerC = timers.after(timerCSeconds, () -> stopRinging(branch, "timer C fired"));
        }
    }

    private void cancelPending(String why) {
        if (!invite) {
            return;
        }
        for (Branch b : branches) {
            if (!b.ended && b.provisionalSeen) {
                LOG.debug("Cancelling branch to {}: {}", b.target.requestUri(), why);
                sendCancel(b);
            }
        }
    }

    private void sendCancel(Branch branch) {
        try {
            branch.leg.cancel();
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not cancel branch to {}: {}", branch.target.requestUri(), e.toString());
        }
    }

    /**
     * Relays a response from downstream (RFC 3261 16.7 step 3). Its Vias are set to those of the request we
     * received, which is what removing our own leaves from a well-behaved UAS, and still right when a UAS
     * got them wrong (e.g. a 487 built from the CANCEL). The response is changed in place, not copied: the
     * client transaction that received it only reads its status and To tag afterwards.
     */
    private void relay(Response response) {
        response.removeHeader(ViaHeader.NAME);
        try {
            for (var vias = upstream.request().getHeaders(ViaHeader.NAME); vias.hasNext(); ) {
                response.addLast((ViaHeader) ((ViaHeader) vias.next()).clone());
            }
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not relay {} upstream: {}", response.getStatusCode(), e.toString());
            return;
        }
        send(response);
    }

    private void sendUpstream(int status) {
        send(Responses.create(status, upstream.request()));
    }

    /**
     * Sends {@code response} to the caller; a final one ends the transaction for new branches, and a failure
     * first lets the hook let go (the relay session), so that the call's record has the relay's figures.
     */
    private void send(Response response) {
        int status = response.getStatusCode();
        boolean sent = true;
        try {
            upstream.send(response);
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.debug("Could not send {} upstream: {}", status, e.toString());
            sent = false;
        }
        if (status >= 300) {
            hook.failed(status);
        }
        if (!sent) {
            return;
        }
        setup.responded(status, cancelled);
        if (status >= 200) {
            if (call.recording()) {
                call.responded(status, response.getReasonPhrase(), ReasonCause.q850(response), cancelled);
            }
            finalSent = true;
            releaseIfDone();
        }
    }
}
