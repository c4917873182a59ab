package org.natterjack.sip.keepalive;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sip.SipException;
import org.natterjack.config.NatSettings;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;
import org.natterjack.metrics.RegistrarMeters;
import org.natterjack.net.Flow;
import org.natterjack.sip.transport.SipClient;
import org.natterjack.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the NAT bindings of registered clients open by sending them traffic through the very flow they
 * registered on: an OPTIONS over UDP (its answer proves the path still works), CRLFCRLF over TCP
 * (RFC 5626 section 4.4.1). A binding whose keepalives go unanswered {@code keepaliveFailures} times in a
 * row is dropped: the client can no longer be reached, and the proxy should not try.
 */
public final class NatKeepalive {

    private static final Logger LOG = LoggerFactory.getLogger(NatKeepalive.class);

    private final LocationService location;
    private final SipClient client;
    private final SipTransport transport;
    private final Supplier<NatSettings> settings;
    private final RegistrarMeters meters;
    private static final long PACING_GRANULARITY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();

    public NatKeepalive(LocationService location, SipClient client, SipTransport transport,
                        Supplier<NatSettings> settings, RegistrarMeters meters) {
        this.meters = meters;
        this.location = location;
        this.client = client;
        this.transport = transport;
        this.settings = settings;
    }

    /**
     * One round: a keepalive to every NATed binding, spread evenly over most of the interval so that a
     * large table does not turn into a burst of packets and transactions. Called by the keepalive job.
     */
    public void sendRound() {
        // A client registered through a Path is kept open by the edge proxy facing it.
        List<Binding> nated = location.heldHere().filter(b -> b.behindNat() && b.path().isEmpty()).toList();
        Set<String> live = nated.stream().map(NatKeepalive::id).collect(Collectors.toSet());
        failures.keySet().retainAll(live);
        long spreadNanos = TimeUnit.SECONDS.toNanos(settings.get().keepaliveSeconds()) * 3 / 4;
        long start = System.nanoTime();
        for (int i = 0; i < nated.size(); i++) {
            long due = start + spreadNanos * i / nated.size();
            long ahead = due - System.nanoTime();
            if (ahead > PACING_GRANULARITY_NANOS) {
                try {
                    TimeUnit.NANOSECONDS.sleep(ahead);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            ping(nated.get(i));
        }
    }

    private void ping(Binding binding) {
        Flow flow = binding.received();
        meters.keepaliveSent();
        try {
            if (flow.transport().isConnectionOriented()) {
                transport.sendCrlfKeepalive(flow);
                failures.remove(id(binding));
            } else {
                client.sendOptions(flow, binding.contact(), new SipClient.Outcome() {
                    @Override
                    public void answered(int status) {
                        failures.remove(id(binding));
                    }

                    @Override
                    public void failed(String why) {
                        fail(binding, why);
                    }
                });
            }
        } catch (SipException | IOException | IllegalArgumentException e) {
            fail(binding, e.getMessage());
        }
    }

    private void fail(Binding binding, String why) {
        meters.keepaliveFailed();
        int count = failures.merge(id(binding), 1, Integer::sum);
        int limit = settings.get().keepaliveFailures();
        if (count >= limit) {
            failures.remove(id(binding));
            location.remove(binding.aor(), binding.key());
            meters.dropped(RegistrarMeters.Dropped.KEEPALIVE, 1);
            LOG.info("Dropped binding {} of {} at {}: {} keepalives unanswered (last: {})", binding.contact(),
                    binding.aor(), binding.received(), count, why);
        } else {
            LOG.debug("Keepalive to {} at {} failed ({} of {}): {}", binding.aor(), binding.received(), count,
                    limit, why);
        }
    }

    private static String id(Binding b) {
        return b.aor() + '\n' + b.key();
    }
}
