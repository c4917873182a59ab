package org.natterjack.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.natterjack.cdr.Outcome;

/**
 * Calls through the proxy: {@code natterjack_calls_total{outcome}} when each call's INVITE gets its final
 * response (or is refused for overload), {@code natterjack_call_setup_seconds} from the INVITE to the first
 * ringing or final response (post-dial delay), and {@code natterjack_calls_setting_up} for INVITEs not yet
 * answered finally.
 */
public final class CallMeters {

    /** Post-dial delays as a telephony engineer reads them: tenths of a second up to half a minute. */
    private static final Duration[] SETUP_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final Map<Outcome, Counter> calls = new EnumMap<>(Outcome.class);
    private final Timer setup;
    private final AtomicInteger settingUp = new AtomicInteger();

    public CallMeters(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            calls.put(outcome, Counter.builder("natterjack.calls").description("Calls by how their INVITE ended")
                    .tag("outcome", outcome.label()).register(registry));
        }
        setup = Timer.builder("natterjack.call.setup")
                .description("From a call's INVITE to its first ringing or final response (post-dial delay)")
                .serviceLevelObjectives(SETUP_BUCKETS).register(registry);
        Gauge.builder("natterjack.calls.setting.up", settingUp, AtomicInteger::get)
                .description("Calls whose INVITE has no final response yet").strongReference(true).register(registry);
    }

    /** Anchored calls in progress ({@code natterjack_calls_active}): the gateway keeps state for those only. */
    public <T> void active(MeterRegistry registry, T source, ToDoubleFunction<T> count) {
        Gauge.builder("natterjack.calls.active", source, count)
                .description("Calls in progress whose media the relay anchors").strongReference(true).register(registry);
    }

    /** An INVITE the overload guard refused before the proxy saw it. */
    public void refusedOverload() {
        calls.get(Outcome.REFUSED_OVERLOAD).increment();
    }

    /** A call's INVITE reached the proxy: follow it until its final response. */
    public Setup started() {
        settingUp.incrementAndGet();
        return new Setup(this, System.nanoTime());
    }

    /** One call's INVITE, from the proxy's first look at it; told each response that goes to the caller. */
    public static final class Setup {

        /** For a request that is not a call's INVITE (an in-dialog request, a MESSAGE): counts nothing. */
        public static final Setup NOT_A_CALL = new Setup(null, 0);

        private final CallMeters meters;
        private final long startedNanos;
        private boolean rang;
        private boolean ended;

        private Setup(CallMeters meters, long startedNanos) {
            this.meters = meters;
            this.startedNanos = startedNanos;
        }

        /** A response went to the caller; the first ringing or final one times the setup, the first final one counts. */
        public synchronized void responded(int status, boolean cancelledByCaller) {
            if (meters == null || ended || status < 180) {
                return;
            }
            if (!rang) {
                rang = true;
                meters.setup.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            }
            if (status >= 200) {
                ended = true;
                meters.settingUp.decrementAndGet();
                meters.calls.get(Outcome.of(status, cancelledByCaller)).increment();
            }
        }
    }
}
