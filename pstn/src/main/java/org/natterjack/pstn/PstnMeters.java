package org.natterjack.pstn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.calls.Direction;
import org.natterjack.pstn.calls.EndedCall;

/**
 * The PSTN adapter, read at each scrape (all zero while it is switched off): {@code natterjack_pstn_asterisk_up}
 * (1 while the AMI link is logged in), {@code natterjack_pstn_spans{state}} (configured spans by state),
 * {@code natterjack_pstn_trunks} and {@code natterjack_pstn_trunks_available}, {@code natterjack_pstn_calls_active}
 * (calls through Asterisk now); and {@code natterjack_pstn_calls_total{direction, result}}, the calls through
 * Asterisk that ended, inbound or outbound, answered or not.
 */
final class PstnMeters {

    /** The states {@link org.natterjack.pstn.api.SpanInfo} names. */
    private static final List<String> SPAN_STATES = List.of("UP", "DOWN", "ALARM", "NO_HARDWARE", "UNKNOWN");

    private PstnMeters() {
    }

    /** @param running the adapter's API while it runs; held by the meters */
    static void bind(MeterRegistry registry, Supplier<Optional<PstnApi>> running) {
        gauge(registry, "natterjack.pstn.asterisk.up", "1 while the AMI link to Asterisk is logged in", running,
                api -> api.asterisk().up() ? 1 : 0);
        for (String state : SPAN_STATES) {
            Gauge.builder("natterjack.pstn.spans", running, r -> r.get().map(api -> (double) api.spans().stream()
                            .filter(s -> s.state().equals(state)).count()).orElse(0.0))
                    .description("Configured DAHDI spans by state").tag("state", state.toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        gauge(registry, "natterjack.pstn.trunks", "PSTN trunks configured", running, api -> api.trunks().size());
        gauge(registry, "natterjack.pstn.trunks.available", "PSTN trunks that can take a call now", running,
                api -> api.trunks().stream().filter(t -> t.available()).count());
        gauge(registry, "natterjack.pstn.calls.active", "Calls through Asterisk now", running,
                api -> api.activeCalls().size());
        callCounter(registry); // shown from the start; each adapter that starts counts into the same series
    }

    /** Counts each ended PSTN call; registers every series at once, so that they show before the first call. */
    static Consumer<EndedCall> callCounter(MeterRegistry registry) {
        Map<String, Counter> counters = new HashMap<>();
        for (Direction direction : Direction.values()) {
            for (String result : List.of("answered", "unanswered")) {
                counters.put(direction + result, Counter.builder("natterjack.pstn.calls")
                        .description("Calls through Asterisk that ended, by direction and whether answered")
                        .tag("direction", direction.name().toLowerCase(Locale.ROOT)).tag("result", result)
                        .register(registry));
            }
        }
        return ended -> counters.get(ended.call().direction()
                + (ended.call().answered().isPresent() ? "answered" : "unanswered")).increment();
    }

    private static void gauge(MeterRegistry registry, String name, String description,
                              Supplier<Optional<PstnApi>> running, ToDoubleFunction<PstnApi> value) {
        Gauge.builder(name, running, r -> r.get().map(value::applyAsDouble).orElse(0.0)).description(description)
                .strongReference(true).register(registry);
    }
}
