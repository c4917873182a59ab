package org.natterjack.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.natterjack.config.Cidr;
import org.natterjack.metrics.SipMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source request-rate limit, like Kamailio's pike: a source address sending more than the limit in a
 * one-second window is cut off, silently (answering a flood would amplify it), until it spends a whole
 * window under the limit. Trusted peers are exempt. Requests within a dialog (with a To tag: ACK, BYE, re-INVITE)
 * do not count: a peer with many calls up ends them in bursts (bench/proxy: callees' BYEs after an overload
 * tripped the limit and their calls then failed); a blocked source stays blocked for them too. One log line when a
 * source is blocked and one when it is let back in. Everyone else keeps being served: the flood is dropped before any transaction or
 * handler work.
 */
public final class FloodValve implements SIPMessageValve {

    static final String LIMIT = "org.natterjack.SOURCE_RATE_LIMIT";
    static final String EXEMPT = "org.natterjack.RATE_LIMIT_EXEMPT";

    private static final Logger LOG = LoggerFactory.getLogger(FloodValve.class);
    private static final int MAX_TRACKED = 100_000;

    private static final class Window {
        long second;
        int count;
        boolean blocked;
    }

    private final ConcurrentHashMap<InetAddress, Window> bySource = new ConcurrentHashMap<>();
    private volatile int limit;
    private volatile List<Cidr> exempt;

    @Override
    public void init(SipStack stack) {
        var properties = ((SipStackImpl) stack).getConfigurationProperties();
        limit = Integer.parseInt(properties.getProperty(LIMIT, "0"));
        String list = properties.getProperty(EXEMPT, "");
        exempt = list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(Cidr::parse).toList();
    }

    /** New limits from the next request on ({@code sip.source-rate-limit}, {@code proxy.trusted-peers}). */
    void update(int newLimit, List<Cidr> newExempt) {
        exempt = List.copyOf(newExempt);
        limit = newLimit;
    }

    private volatile SipMeters meters;

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        InetAddress source = channel.getPeerPacketSourceAddress();
        int limit = this.limit;
        if (limit <= 0 || source == null || exempt.stream().anyMatch(c -> c.contains(source))) {
            return true;
        }
        long second = System.nanoTime() / 1_000_000_000L;
        if (bySource.size() > MAX_TRACKED) {
            bySource.values().removeIf(w -> w.second < second - 10 && !w.blocked);
        }
        Window w = bySource.computeIfAbsent(source, k -> new Window());
        synchronized (w) {
            if (w.second != second) {
                boolean calmWindow = w.count <= limit;
                if (w.blocked && calmWindow) {
                    w.blocked = false;
                    LOG.info("Request flood from {} is over; serving it again", source.getHostAddress());
                }
                w.second = second;
                w.count = 0;
            }
            if (request.getToTag() == null) {
                w.count++;
            }
            if (!w.blocked && w.count > limit) {
                w.blocked = true;
                LOG.warn("Blocking {}: more than {} requests in one second (sip.source-rate-limit)",
                        source.getHostAddress(), limit);
            }
            if (w.blocked) {
                SipMeters m = meters;
                if (m != null) {
                    m.floodDropped();
                }
            }
            return !w.blocked;
        }
    }

    /** Where dropped requests are counted (from SipTransport, after the stack made this valve). */
    void use(SipMeters sipMeters) {
        meters = sipMeters;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // Nothing held.
    }
}
