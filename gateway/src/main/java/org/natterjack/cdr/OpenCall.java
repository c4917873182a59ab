package org.natterjack.cdr;

import java.time.Instant;
import java.util.Optional;

/**
 * A call in progress, collecting what its record needs as the proxy sees the call go by: the route chosen,
 * the final response, the BYE, the relay's figures. It ends once: on a final response other than 2xx, on the
 * first BYE, or when the gateway ends it.
 */
public final class OpenCall {

    /** For a request that is not a call's INVITE, or a call not recorded: keeps nothing. */
    public static final OpenCall NOT_A_CALL = new OpenCall(null, "", Instant.EPOCH, "", "", "");

    private final CallRecords owner;
    private final String callId;
    private final Instant started;
    private final String caller;
    private final String callerTag;
    private CallRoute route;
    private boolean callerNated;
    private boolean calleeNated;
    private Optional<Instant> answered = Optional.empty();
    private int status;
    private String reason = "";
    private Optional<Integer> q850 = Optional.empty();
    private Outcome outcome;
    private Optional<RelayedMedia> relayed = Optional.empty();
    private boolean ended;

    OpenCall(CallRecords owner, String callId, Instant started, String caller, String callerTag, String dialled) {
        this.owner = owner;
        this.callId = callId;
        this.started = started;
        this.caller = caller;
        this.callerTag = callerTag;
        this.route = CallRoute.unrouted(dialled);
    }

    public String callId() {
        return callId;
    }

    /** False for {@link #NOT_A_CALL}: what the proxy would tell it is thrown away, so need not be worked out. */
    public boolean recording() {
        return owner != null;
    }

    /**
     * The proxy tries this route (a failover replaces the one before).
     *
     * @see CallRoute
     */
    public synchronized void routed(String rule, String destination, String callee) {
        route = new CallRoute(route.dialled(), callee, rule, destination);
    }

    /** NAT facts as the proxy decided them when it forked the INVITE. */
    public synchronized void parties(boolean callerBehindNat, boolean calleeBehindNat) {
        callerNated = callerBehindNat;
        calleeNated = calleeBehindNat;
    }

    /** A final response went to the caller; a failure ends the call here. */
    public void responded(int finalStatus, String phrase, Optional<Integer> cause, boolean cancelledByCaller) {
        boolean failed;
        synchronized (this) {
            if (owner == null || outcome != null || finalStatus < 200) {
                return;
            }
            status = finalStatus;
            reason = phrase == null ? "" : phrase;
            q850 = cause;
            outcome = Outcome.of(finalStatus, cancelledByCaller);
            failed = finalStatus >= 300;
            if (!failed) {
                answered = Optional.of(owner.now());
            }
        }
        if (failed) {
            end(Optional.empty());
        }
    }

    /** The relay session of the call closed with these figures. */
    synchronized void relayed(RelayedMedia media) {
        relayed = Optional.of(media);
    }

    /** A BYE from the party with this From tag; its Reason's Q.850 cause, if any, wins over the answer's. */
    void bye(String fromTag, Optional<Integer> cause) {
        synchronized (this) {
            if (cause.isPresent()) {
                q850 = cause;
            }
        }
        end(Optional.of(callerTag.equals(fromTag) ? HungUpBy.CALLER : HungUpBy.CALLEE));
    }

    /** Ends the call with {@code by} as the party that hung up (empty: it was not answered). */
    void end(Optional<HungUpBy> by) {
        CallRecord record;
        synchronized (this) {
            if (ended || owner == null) {
                return;
            }
            ended = true;
            record = new CallRecord(callId, started, answered, owner.now(), caller, route,
                    status == 0 ? 500 : status, reason, q850, outcome == null ? Outcome.FAILED : outcome,
                    answered.isPresent() ? by.or(() -> Optional.of(HungUpBy.UNKNOWN)) : Optional.empty(), media(),
                    owner.node());
        }
        owner.ended(this, record);
    }

    synchronized boolean answered() {
        return answered.isPresent();
    }

    Instant started() {
        return started;
    }

    private CallMedia media() {
        if (relayed.isEmpty()) {
            return CallMedia.direct(callerNated, calleeNated);
        }
        RelayedMedia media = relayed.get();
        return new CallMedia(callerNated, calleeNated, true, media.callerLatched(), media.calleeLatched(),
                VoiceQuality.of(media));
    }
}
