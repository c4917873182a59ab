package org.natterjack.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The gateway's meters (Micrometer) and their Prometheus text exposition. The core's meters are named
 * {@code natterjack.*} in this package's classes, so Prometheus sees {@code natterjack_*}; plug-ins register theirs
 * ({@code natterjack.pstn.*}, {@code natterjack.tunnel.*}) in the same registry; the JVM's and the process's come
 * from Micrometer's binders. No meter is labelled per user or per number. Switched off
 * ({@code metrics.enabled: false}) the registry keeps nothing and each meter costs a no-op call.
 */
public final class Metrics implements AutoCloseable {

    /** The Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final JvmGcMetrics gc;
    private MetricsListener listener;

    private Metrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus, JvmGcMetrics gc) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.gc = gc;
    }

    /** Meters kept for Prometheus, with the JVM's and the process's. */
    public static Metrics kept(String node) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Every series names its node, so that the nodes of a shared store can be told apart on one dashboard.
        prometheus.config().commonTags("node", node);
        // Two of Micrometer's names Prometheus's linter (promtool check metrics) refuses: process_cpu_time_ns_total
        // (an abbreviated unit; process_cpu_usage says the same) and system_cpu_count (a _count suffix on a gauge;
        // the processors do not change while the gateway runs).
        prometheus.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        return new Metrics(prometheus, Optional.of(prometheus), gc);
    }

    /** No meters kept: a registry without children records nothing. */
    public static Metrics off() {
        return new Metrics(new CompositeMeterRegistry(), Optional.empty(), null);
    }

    /** Where the gateway's parts and the plug-ins register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in the Prometheus text format; empty while metrics are off. */
    public Optional<String> scrape() {
        return prometheus.map(PrometheusMeterRegistry::scrape);
    }

    /**
     * Also answers {@code GET /metrics} over plain HTTP at {@code address} ({@code metrics.listen}).
     *
     * @throws IOException when the address cannot be bound
     */
    public synchronized void serve(InetSocketAddress address) throws IOException {
        listener = MetricsListener.start(address, this);
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
        }
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
