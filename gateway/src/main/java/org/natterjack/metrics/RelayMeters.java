package org.natterjack.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The media relay, read at each scrape: {@code natterjack_relay_sessions}, {@code natterjack_relay_packets_total}
 * and {@code natterjack_relay_bytes_total} (forwarded), {@code natterjack_relay_dropped_total{reason}},
 * {@code natterjack_relay_port_pairs_free} and {@code natterjack_relay_port_pairs{interface}} per relay
 * interface.
 */
public final class RelayMeters {

    /** What the relay forwarded and dropped since start. */
    public interface Totals {
        long forwardedPackets();

        long forwardedBytes();

        long droppedForeign();

        long droppedInvalid();

        long droppedNoDestination();

        long sendFailures();
    }

    /** One relay interface's port pairs. */
    public interface Ports {
        String bind();

        int pairsFree();

        int pairsTotal();
    }

    private RelayMeters() {
    }

    /**
     * @param relay read at each scrape; the meters keep only a weak reference to it, so it must live as long as
     *     they are wanted (the gateway holds it)
     * @param ports the relay's interfaces now (the same ones, in the same order, at every call)
     */
    public static <R> void bind(MeterRegistry registry, R relay, ToIntFunction<R> sessions,
                                Function<R, ? extends Totals> totals, Function<R, List<? extends Ports>> ports) {
        Gauge.builder("natterjack.relay.sessions", relay, r -> sessions.applyAsInt(r))
                .description("Calls whose media the relay anchors now").register(registry);
        FunctionCounter.builder("natterjack.relay.packets", relay, r -> totals.apply(r).forwardedPackets())
                .description("Packets the relay forwarded").register(registry);
        FunctionCounter.builder("natterjack.relay", relay, r -> totals.apply(r).forwardedBytes()).baseUnit("bytes")
                .description("Bytes the relay forwarded (RTP and RTCP packets with their headers)").register(registry);
        dropped(registry, relay, totals, "foreign", Totals::droppedForeign);
        dropped(registry, relay, totals, "invalid", Totals::droppedInvalid);
        dropped(registry, relay, totals, "no_destination", Totals::droppedNoDestination);
        dropped(registry, relay, totals, "send_failed", Totals::sendFailures);
        List<? extends Ports> atStart = ports.apply(relay);
        for (int i = 0; i < atStart.size(); i++) {
            int index = i;
            String name = atStart.get(i).bind().toLowerCase(Locale.ROOT);
            Gauge.builder("natterjack.relay.port.pairs.free", relay, r -> ports.apply(r).get(index).pairsFree())
                    .description("Port pairs free for new calls").tag("interface", name).register(registry);
            Gauge.builder("natterjack.relay.port.pairs", relay, r -> ports.apply(r).get(index).pairsTotal())
                    .description("Port pairs in the interface's range").tag("interface", name).register(registry);
        }
    }

    private static <R> void dropped(MeterRegistry registry, R relay, Function<R, ? extends Totals> totals,
                                    String reason, ToLongFunction<Totals> value) {
        FunctionCounter.builder("natterjack.relay.dropped", relay, r -> value.applyAsLong(totals.apply(r)))
                .description("Packets the relay dropped: from a source other than the latched one (foreign), neither"
                        + " RTP nor RTCP (invalid), for a party with no address yet (no_destination), refused by the"
                        + " socket (send_failed)").tag("reason", reason).register(registry);
    }
}
