package org.natterjack.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Registrations and what keeps them: {@code natterjack_registrations} and {@code natterjack_registrations_nated}
 * (bindings now), {@code natterjack_register_responses_total{status}} (each REGISTER's answer; the statuses are
 * the registrar's own few), {@code natterjack_keepalives_sent_total} and {@code natterjack_keepalives_failed_total}
 * (to NATed clients), {@code natterjack_bindings_dropped_total{reason}}.
 */
public final class RegistrarMeters {

    /** Why a binding went before its client removed it. */
    public enum Dropped {
        /** Its client did not refresh it in time. */
        EXPIRED,
        /** Keepalives to it went unanswered. */
        KEEPALIVE,
        /** The TCP, TLS, WebSocket or tunnel connection it came over closed. */
        CONNECTION_CLOSED
    }

    /** What the registrar answers; exposed from the start, so that a rate over them is defined at once. */
    private static final List<Integer> STATUSES = List.of(200, 400, 401, 403, 404, 423, 500);

    private final MeterRegistry registry;
    private final Map<Integer, Counter> responses = new ConcurrentHashMap<>();
    private final Counter keepalivesSent;
    private final Counter keepalivesFailed;
    private final Map<Dropped, Counter> dropped = new EnumMap<>(Dropped.class);

    /** @param bindings the bindings now, and those of them behind NAT; held by these meters */
    public RegistrarMeters(MeterRegistry registry, LongSupplier bindings, LongSupplier natedBindings) {
        this.registry = registry;
        Gauge.builder("natterjack.registrations", bindings, LongSupplier::getAsLong)
                .description("Bindings (registered contacts) now").strongReference(true).register(registry);
        Gauge.builder("natterjack.registrations.nated", natedBindings, LongSupplier::getAsLong)
                .description("Bindings of clients behind NAT now").strongReference(true).register(registry);
        keepalivesSent = Counter.builder("natterjack.keepalives.sent")
                .description("Keepalives sent to NATed clients (OPTIONS over UDP, CRLF over connections)")
                .register(registry);
        keepalivesFailed = Counter.builder("natterjack.keepalives.failed")
                .description("Keepalives unanswered or not sent").register(registry);
        STATUSES.forEach(this::responses);
        for (Dropped reason : Dropped.values()) {
            dropped.put(reason, Counter.builder("natterjack.bindings.dropped")
                    .description("Bindings the gateway removed, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void registerAnswered(int status) {
        responses(status).increment();
    }

    private Counter responses(int status) {
        return responses.computeIfAbsent(status, s -> Counter.builder("natterjack.register.responses")
                .description("Answers to REGISTER requests, by status").tag("status", Integer.toString(s))
                .register(registry));
    }

    public void keepaliveSent() {
        keepalivesSent.increment();
    }

    public void keepaliveFailed() {
        keepalivesFailed.increment();
    }

    public void dropped(Dropped reason, int count) {
        dropped.get(reason).increment(count);
    }
}
