package org.natterjack.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.admin.AdminApi;
import org.natterjack.admission.Admission;
import org.natterjack.alarms.Alarms;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.jobs.Jobs;
import org.natterjack.location.NodeId;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.metrics.Metrics;
import org.natterjack.net.SipConnections;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.store.Store;

/** The {@link GatewayContext} of one plug-in; deactivated when the plug-in stops or fails to start. */
final class PluginContext implements GatewayContext {

    private final String name;
    private final Plugins plugins;
    private final GatewayConfig config;
    private final LiveConfig live;
    private final Clock clock;
    private final Store store;
    private final NodeId node;
    private final Supplier<RoutingTable> routing;
    private final Jobs jobs;
    private final AdminApi admin;
    private final Admission admission;
    private final CarrierAccess carriers;
    private final Monitoring monitoring;
    private volatile boolean active = true;

    PluginContext(String name, Plugins plugins, LiveConfig live, Clock clock, Store store, NodeId node,
                  Supplier<RoutingTable> routing, Jobs jobs, AdminApi admin, Admission admission, CarrierAccess carriers,
                  Monitoring monitoring) {
        this.name = name;
        this.plugins = plugins;
        this.config = live.started();
        this.live = live;
        this.clock = clock;
        this.store = store;
        this.node = node;
        this.routing = routing;
        this.jobs = jobs;
        this.admin = admin;
        this.admission = admission;
        this.carriers = carriers;
        this.monitoring = monitoring;
    }

    String name() {
        return name;
    }

    void deactivate() {
        active = false;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public NodeId node() {
        return node;
    }

    @Override
    public Path dataDir() {
        return config.dataDir();
    }

    @Override
    public <T> T settings(Class<T> type) {
        return config.plugins().bind(name, type);
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public AdminApi admin() {
        return admin;
    }

    @Override
    public Admission admission() {
        return admission;
    }

    @Override
    public Supplier<RoutingTable> routing() {
        return routing;
    }

    @Override
    public InetSocketAddress sipAddress() {
        return LocalSipAddress.of(config.sip());
    }

    @Override
    public List<String> domains() {
        return config.sip().domains();
    }

    @Override
    public boolean isTrustedPeer(InetAddress address) {
        return live.proxy().isTrusted(address);
    }

    @Override
    public void provideTrunks(TrunkResolver resolver) {
        plugins.provideTrunks(this, resolver);
    }

    @Override
    public void every(Duration interval, String job, Runnable task) {
        jobs.every(interval, name + "." + job, () -> {
            if (active) {
                task.run();
            }
        });
    }

    @Override
    public void contributeBackup(BackupPart part) {
        plugins.contributeBackup(this, part);
    }

    @Override
    public <T> void publish(Class<T> type, T service) {
        plugins.publish(this, type, service);
    }

    @Override
    public void withdraw(Class<?> type) {
        plugins.withdraw(this, type);
    }

    @Override
    public SipConnections sipConnections() {
        return carriers.connections().get();
    }

    @Override
    public SipCredentials sipCredentials() {
        return carriers.credentials();
    }

    @Override
    public MediaCarriers mediaCarriers() {
        return carriers.media();
    }

    @Override
    public Metrics metrics() {
        return monitoring.metrics();
    }

    @Override
    public Alarms alarms() {
        return monitoring.alarms();
    }

    @Override
    public <T> Optional<T> lookup(Class<T> type) {
        return plugins.lookup(type);
    }
}
