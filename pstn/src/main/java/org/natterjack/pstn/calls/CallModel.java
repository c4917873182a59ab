package org.natterjack.pstn.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live PSTN calls, built from Asterisk's channel events: a call is the set of channels sharing a linked
 * id, from the first channel's creation to the last one's hang-up. Knows nothing of AMI's wire format; the
 * AMI translation feeds it. Thread-safe.
 */
public final class CallModel {

    private static final Logger LOG = LoggerFactory.getLogger(CallModel.class);
    private static final int RECENT = 100;
    private static final String FROM_GATEWAY = "from-gateway";
    private static final String TEST_CALL = "nj-test-call";

    /**
     * A call being built. Its cause is its first channel's (the leg that came in: from the gateway, or from the
     * exchange), which is what the calling side was told; legs dialled before it (a congested trunk before
     * the failover) do not count.
     */
    private static final class Call {
        final String id;
        final Direction direction;
        final String number;
        final String caller;
        final Instant started;
        final Map<String, PstnChannel> channels = new LinkedHashMap<>();
        String trunk;
        Instant answered;
        String dialStatus = "";
        Integer cause;
        String causeText;

        Call(String id, Direction direction, String trunk, String number, String caller, Instant started) {
            this.id = id;
            this.direction = direction;
            this.trunk = trunk;
            this.number = number;
            this.caller = caller;
            this.started = started;
        }

        PstnCall snapshot() {
            return new PstnCall(id, direction, trunk, number, caller, started, Optional.ofNullable(answered),
                    dialStatus, channels.values().stream().map(PstnChannel::name).toList());
        }
    }

    private final Clock clock;
    private final Consumer<EndedCall> ended;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<String, String> callOfChannel = new HashMap<>();
    private final Deque<EndedCall> recent = new ArrayDeque<>();

    public CallModel(Clock clock) {
        this(clock, call -> { });
    }

    /** @param ended told of each call that ends (the call meters), under the model's lock: must not block */
    public CallModel(Clock clock, Consumer<EndedCall> ended) {
        this.clock = clock;
        this.ended = ended;
    }

    public synchronized void channelCreated(PstnChannel channel) {
        if (callOfChannel.containsKey(channel.uniqueId())) {
            return;
        }
        Call call = calls.get(channel.linkedId());
        if (call == null) {
            call = newCall(channel);
            calls.put(call.id, call);
            LOG.info("PSTN call {} started: {} {} number {} from {}", call.id, call.direction, trunkText(call.trunk),
                    call.number, call.caller);
        } else if (channel.trunk().isPresent() && call.direction == Direction.OUTBOUND) {
            call.trunk = channel.trunk().get(); // the trunk finally dialled, after any failover
        }
        call.channels.put(channel.uniqueId(), channel);
        callOfChannel.put(channel.uniqueId(), call.id);
        if ("Up".equalsIgnoreCase(channel.state()) && call.answered == null && call.channels.size() > 1) {
            call.answered = clock.instant();
        }
    }

    private Call newCall(PstnChannel first) {
        boolean outbound = FROM_GATEWAY.equals(first.context()) || TEST_CALL.equals(first.context());
        if (outbound) {
            int dash = first.exten().indexOf('-');
            String trunk = dash > 0 ? first.exten().substring(0, dash) : first.trunk().orElse("");
            String number = dash > 0 ? first.exten().substring(dash + 1) : first.exten();
            return new Call(first.linkedId(), Direction.OUTBOUND, trunk, number, first.callerNumber(), first.created());
        }
        return new Call(first.linkedId(), Direction.INBOUND, first.trunk().orElse(""), first.exten(),
                first.callerNumber(), first.created());
    }

    /** A channel changed state; a call is answered when one of its dialled legs comes up. */
    public synchronized void channelState(String uniqueId, String state) {
        Call call = callOf(uniqueId);
        if (call == null) {
            return;
        }
        PstnChannel old = call.channels.get(uniqueId);
        call.channels.put(uniqueId, new PstnChannel(old.uniqueId(), old.name(), old.linkedId(), old.context(),
                old.exten(), old.callerNumber(), state, old.created(), old.trunk()));
        if ("Up".equalsIgnoreCase(state) && !uniqueId.equals(call.id) && call.answered == null) {
            call.answered = clock.instant();
        }
    }

    /** A Dial from channel {@code uniqueId} ended with {@code status} (ANSWER, BUSY, CONGESTION, ...). */
    public synchronized void dialEnded(String uniqueId, String status) {
        Call call = callOf(uniqueId);
        if (call != null && status != null) {
            call.dialStatus = status;
        }
    }

    /** A channel joined a bridge: its call is talking, if it was not known to be answered yet. */
    public synchronized void bridged(String uniqueId) {
        Call call = callOf(uniqueId);
        if (call != null && call.answered == null) {
            call.answered = clock.instant();
        }
    }

    /** A leg turned out to run on {@code trunk} (DAHDI reports the span of a channel after creation). */
    public synchronized void channelTrunk(String uniqueId, String trunk) {
        Call call = callOf(uniqueId);
        boolean dialledLeg = call != null && call.direction == Direction.OUTBOUND && !uniqueId.equals(call.id);
        if (call != null && (call.trunk.isEmpty() || dialledLeg)) {
            call.trunk = trunk;
        }
    }

    public synchronized void hungUp(String uniqueId, int cause, String causeText) {
        Call call = callOf(uniqueId);
        if (call == null) {
            return;
        }
        if (call.cause == null || uniqueId.equals(call.id)) {
            call.cause = cause;
            call.causeText = causeText;
        }
        call.channels.remove(uniqueId);
        callOfChannel.remove(uniqueId);
        if (call.channels.isEmpty()) {
            end(call, call.cause, call.causeText);
        }
    }

    /**
     * Replaces what is known with the channels Asterisk lists now (after a reconnect, and periodically):
     * calls whose channels are all gone ended unseen, with cause 0.
     */
    public synchronized void resync(List<PstnChannel> live) {
        Set<String> liveIds = new HashSet<>();
        live.forEach(c -> liveIds.add(c.uniqueId()));
        for (String id : new ArrayList<>(callOfChannel.keySet())) {
            if (!liveIds.contains(id)) {
                Call call = callOf(id);
                call.channels.remove(id);
                callOfChannel.remove(id);
                if (call.channels.isEmpty()) {
                    end(call, call.cause == null ? 0 : call.cause,
                            call.cause == null ? "ended while not observed" : call.causeText);
                }
            }
        }
        live.forEach(this::channelCreated);
    }

    private Call callOf(String uniqueId) {
        String id = callOfChannel.get(uniqueId);
        return id == null ? null : calls.get(id);
    }

    private void end(Call call, int cause, String causeText) {
        calls.remove(call.id);
        Instant now = clock.instant();
        EndedCall over = new EndedCall(call.snapshot(), now, cause, causeText);
        recent.addFirst(over);
        ended.accept(over);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        LOG.info("PSTN call {} ended: cause {} ({}), {} {} number {}, {} s", call.id, cause, causeText,
                call.direction, trunkText(call.trunk), call.number, Duration.between(call.started, now).toSeconds());
    }

    private static String trunkText(String trunk) {
        return trunk.isEmpty() ? "trunk ?" : "trunk " + trunk;
    }

    public synchronized List<PstnCall> active() {
        return calls.values().stream().map(Call::snapshot).toList();
    }

    /** The last calls that ended, newest first. */
    public synchronized List<EndedCall> recent() {
        return List.copyOf(recent);
    }

    public synchronized Optional<PstnCall> call(String id) {
        return Optional.ofNullable(calls.get(id)).map(Call::snapshot);
    }
}
