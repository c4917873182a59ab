package org.natterjack.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.QueuedMessageDispatchBase;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.InvalidArgumentException;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sheds new calls while the gateway is overloaded, so that the calls it has accepted still complete.
 *
 * <p>Datagrams wait in the RI's receive queue until a worker thread is free. When they wait longer than
 * T1 (500 ms) the peers retransmit, every retransmission is more work, and the delay grows until nearly every
 * call fails (bench/proxy: 47 % failed at 1,000 calls/s offered, where 750 were sustained). A call passes
 * the queue several times (INVITE, 200, ACK; BYE, 200), so the delay must stay well below T1: with 300 ms
 * per pass, ACKs and BYE responses arrived late, were retransmitted, and the gateway still drowned.
 *
 * <p>The measure is the age of the oldest datagram still waiting. A garbage collection pause leaves a burst
 * that ages past any useful limit and drains within a few hundred milliseconds; overload is a queue that
 * stays. So the gateway counts as overloaded once the delay has stayed above the limit for twice the limit
 * on end (as CoDel tells a standing queue from a burst), and until it falls below the limit again. While
 * overloaded it refuses a share of the new INVITEs (no To tag, no transaction yet) and REGISTERs that grows with the
 * delay, from none at the limit to all at twice the limit ({@link Shedding}): only the excess is refused, and all
 * are taken again as soon as the queue drains (one delay over the limit used to refuse every new call for a spell:
 * 3,598 in one run at a rate the gateway sustained otherwise). A refused request is answered {@code 503} with
 * Retry-After at once, statelessly, before any routing or digest work; in-dialog requests, CANCEL, ACK and
 * responses are always served, since they finish calls. A REGISTER storm (every phone re-registering after a power cut) thus gets the
 * excess told to come back later while the rest completes; retransmitted REGISTERs never get here
 * ({@link RetransmissionValve}), and the 503 is kept as the answer to this REGISTER's retransmissions. A sender that
 * gets the 503 may try another server (RFC 3261 21.5.4). Only UDP has a shared queue to measure; a TCP connection
 * waits for its own reader thread.
 */
public final class OverloadValve implements SIPMessageValve {

    static final String MAX_QUEUE_DELAY_MS = "org.natterjack.OVERLOAD_MAX_QUEUE_DELAY_MS";
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(OverloadValve.class);
    private static final long LOG_INTERVAL_MS = 10_000;

    private SIPTransactionStack stack;
    private volatile AnswerCache answers;
    private volatile long maxQueueDelayMs;
    private final Shedding shedding = new Shedding();
    /** The receive queue stamps datagrams with the system clock in milliseconds: the same clock. */
    private final Clock clock;
    /** New calls refused, and new calls and registrations refused. */
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong shedAll = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();
    private final AtomicLong shedAtLastLog = new AtomicLong();
    private volatile Runnable onCallShed = () -> { };

    /** As the RI makes valves: public, no arguments, {@link #init} follows. */
    public OverloadValve() {
        this(Clock.systemUTC());
    }

    OverloadValve(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(SipStack stack) {
        this.stack = (SIPTransactionStack) stack;
        maxQueueDelayMs = Long.parseLong(((SipStackImpl) stack).getConfigurationProperties()
                .getProperty(MAX_QUEUE_DELAY_MS, "0"));
    }

    /** A new limit from the next request on; 0 turns shedding off ({@code sip.overload-queue-delay-ms}). */
    void update(long newMaxQueueDelayMs) {
        maxQueueDelayMs = newMaxQueueDelayMs;
    }

    /** Where a refused REGISTER's 503 is kept for its retransmissions. */
    void use(AnswerCache cache) {
        answers = cache;
    }

    /** Told of each new call refused (the call meters). */
    void onCallShed(Runnable then) {
        onCallShed = then;
    }

    /** New calls refused with 503 since start. */
    long shedCount() {
        return shed.get();
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        long max = maxQueueDelayMs;
        boolean register = Request.REGISTER.equals(request.getMethod());
        if (max <= 0 || !(register || Request.INVITE.equals(request.getMethod())) || request.getToTag() != null) {
            return true;
        }
        long now = clock.millis();
        // Samples are taken by the new requests themselves: they are what overload control is about.
        long delay = queueDelayMs(channel.getMessageProcessor(), now);
        if (shedding.admit(delay, max, now)
                || !register && stack.findTransaction(request.getTransactionId(), true) != null) {
            return true;  // admitted, or a retransmission of a call already taken on
        }
        shed(request, channel, delay, now);
        return false;
    }

    private void shed(SIPRequest request, MessageChannel channel, long delay, long now) {
        long total = shedAll.incrementAndGet();
        if (Request.INVITE.equals(request.getMethod())) {
            shed.incrementAndGet();
            onCallShed.run();
        }
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_MS && lastLog.compareAndSet(last, now)) {
            long since = total - shedAtLastLog.getAndSet(total);
            LOG.warn("Overloaded: messages wait {} ms to be processed (limit {} ms, passed for {} ms on end); refused {} "
                    + "new call(s) and registration(s) with 503 since the last report, {} in all", delay, maxQueueDelayMs,
                    shedding.aboveForMs(now), since, total);
        }
        SIPResponse response = Responses.refusal(request, Response.SERVICE_UNAVAILABLE, "Overloaded");
        try {
            RetryAfter retryAfter = new RetryAfter();
            retryAfter.setRetryAfter(RETRY_AFTER_SECONDS);
            response.setHeader(retryAfter);
            AnswerCache.Key key = answers == null || !Request.REGISTER.equals(request.getMethod()) ? null
                    : AnswerCache.Key.of(request);
            AnswerCache cache = answers;
            ReusingUdpProcessor.send(() -> SourceReply.send(response, channel), octets -> {
                if (key != null) {
                    cache.answered(key, octets);
                }
            });
        } catch (IOException | InvalidArgumentException e) {
            LOG.debug("Could not send 503 to {}:{}", channel.getPeerAddress(), channel.getPeerPort(), e);
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // Nothing held.
    }

    /** How long the oldest datagram still in {@code processor}'s receive queue has waited; 0 if none or not UDP. */
    static long queueDelayMs(MessageProcessor processor, long now) {
        if (!(processor instanceof UDPMessageProcessor udp)) {
            return 0;
        }
        Object head = ReceiveQueue.of(udp).peek();
        return head instanceof QueuedMessageDispatchBase waiting ? Math.max(0, now - waiting.getReceptionTime()) : 0;
    }

    /** The RI keeps its UDP receive queue in a protected field; found once. */
    private static final class ReceiveQueue {
        private static final Queue<?> NONE = new ArrayDeque<>();
        private static final Field FIELD = field();

        private static Field field() {
            try {
                Field f = UDPMessageProcessor.class.getDeclaredField("messageQueue");
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("Cannot watch the SIP receive queue ({}); overload shedding is off", e.toString());
                return null;
            }
        }

        static Queue<?> of(UDPMessageProcessor processor) {
            try {
                return FIELD == null ? NONE : (Queue<?>) FIELD.get(processor);
            } catch (IllegalAccessException e) {
                return NONE;
            }
        }
    }
}
