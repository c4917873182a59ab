package org.natterjack.cdr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.natterjack.location.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in progress, by Call-ID, and the records of those that ended, queued for the store. Call handling
 * never waits for the store: a job {@link #flush flushes} the queue in batches, one transaction each, and keeps
 * what it could not write for the next run. The queue is bounded; beyond it new records are counted and dropped,
 * logged once per outage.
 */
public final class CallRecords {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecords.class);
    static final int MAX_OPEN = 100_000;
    static final int MAX_QUEUED = 50_000;
    private static final int BATCH = 1_000;
    /** An answered call whose BYE the proxy never saw (it went around it) is ended after this. */
    static final Duration ANSWERED_LIMIT = Duration.ofHours(24);
    /** An INVITE transaction always ends far sooner; this only bounds a call a bug left open. */
    static final Duration SETUP_LIMIT = Duration.ofHours(1);

    private final Clock clock;
    private final CallRecordSink sink;
    private final String node;
    private final Map<String, OpenCall> open = new ConcurrentHashMap<>();
    private final Deque<CallRecord> queue = new ArrayDeque<>();
    private final Object flushing = new Object();
    private long dropped;
    private boolean overflowLogged;
    private volatile boolean tooManyLogged;
    private volatile Optional<String> failure = Optional.empty();

    /** @param node this gateway's name in the store, written into each record */
    public CallRecords(CallRecordSink sink, NodeId node, Clock clock) {
        this.sink = sink;
        this.node = node.name();
        this.clock = clock;
    }

    /**
     * A call's INVITE reached the proxy. A second INVITE of an open call (a spiral back through us) is part of it
     * and records nothing of its own.
     */
    public OpenCall open(String callId, String caller, String callerTag, String dialled) {
        if (open.size() >= MAX_OPEN) {
            if (!tooManyLogged) {
                tooManyLogged = true;
                LOG.error("Call records: {} calls are open at once; further calls get no record", MAX_OPEN);
            }
            return OpenCall.NOT_A_CALL;
        }
        OpenCall call = new OpenCall(this, callId, now(), caller, callerTag, dialled);
        return open.putIfAbsent(callId, call) == null ? call : OpenCall.NOT_A_CALL;
    }

    /** A BYE of an open call passed the proxy; the first one ends it. */
    public void bye(String callId, String fromTag, Optional<Integer> q850) {
        OpenCall call = open.get(callId);
        if (call != null && call.answered()) {
            call.bye(fromTag, q850);
        }
    }

    /** The relay session of a call closed; its figures go into the record. */
    public void relayed(String callId, RelayedMedia media) {
        OpenCall call = open.get(callId);
        if (call != null) {
            call.relayed(media);
        }
    }

    /** The gateway itself ended an answered call (media timeout, an operator, a refused answer). */
    public void endedByGateway(String callId) {
        OpenCall call = open.get(callId);
        if (call != null && call.answered()) {
            call.end(Optional.of(HungUpBy.GATEWAY));
        }
    }

    /** For a job: ends calls open far longer than a call lasts (their end went around the proxy). */
    public void sweep() {
        Instant now = now();
        for (OpenCall call : open.values()) {
            Duration limit = call.answered() ? ANSWERED_LIMIT : SETUP_LIMIT;
            if (call.started().plus(limit).isBefore(now)) {
                call.end(Optional.of(HungUpBy.UNKNOWN));
            }
        }
    }

    public int openCalls() {
        return open.size();
    }

    Instant now() {
        return clock.instant();
    }

    String node() {
        return node;
    }

    void ended(OpenCall call, CallRecord record) {
        open.remove(call.callId(), call);
        synchronized (queue) {
            if (queue.size() >= MAX_QUEUED) {
                dropped++;
                if (!overflowLogged) {
                    overflowLogged = true;
                    LOG.error("Call records: {} are waiting for the store; records of further calls are dropped"
                            + " until it takes them", queue.size());
                }
                return;
            }
            queue.addLast(record);
        }
    }

    /** For a job and at shutdown: writes the queued records, a batch per transaction, until none is left. */
    public void flush() {
        synchronized (flushing) {
            while (true) {
                List<CallRecord> batch = new ArrayList<>();
                synchronized (queue) {
                    while (batch.size() < BATCH && !queue.isEmpty()) {
                        batch.add(queue.pollFirst());
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                try {
                    sink.save(batch);
                } catch (RuntimeException e) {
                    requeue(batch);
                    if (failure.isEmpty()) {
                        LOG.error("Call records cannot be written ({}); {} are kept in memory and retried",
                                e.getMessage(), queued());
                    }
                    failure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
                    return;
                }
                recovered();
            }
        }
    }

    private void requeue(List<CallRecord> batch) {
        synchronized (queue) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                queue.addFirst(batch.get(i));
            }
        }
    }

    private void recovered() {
        if (failure.isPresent()) {
            failure = Optional.empty();
            LOG.info("Call records are written again");
        }
        synchronized (queue) {
            if (overflowLogged) {
                LOG.warn("Call records: {} records were dropped while the store did not take them", dropped);
                overflowLogged = false;
                dropped = 0;
            }
        }
    }

    /** Why the last write failed, while records wait for the store. */
    public Optional<String> failure() {
        return failure;
    }

    public int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
