package org.natterjack.pstn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.natterjack.admin.AdminApi;
import org.natterjack.admission.Admission;
import org.natterjack.alarms.Alarms;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.location.NodeId;
import org.natterjack.metrics.Metrics;
import org.natterjack.net.SipConnections;
import org.natterjack.plugin.BackupPart;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.SipCredentials;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.store.Store;

/** A plug-in context for tests of the pstn plug-in's parts: a real store, services in a map, no jobs. */
final class FakeContext implements GatewayContext {

    private final Metrics metrics = Metrics.kept("local");

    private final Store store;
    private final Admission admission = new Admission();
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    FakeContext(Store store) {
        this.store = store;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Path dataDir() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T settings(Class<T> type) {
        throw new UnsupportedOperationException("the test passes the settings itself");
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public NodeId node() {
        return NodeId.LOCAL;
    }

    @Override
    public AdminApi admin() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Admission admission() {
        return admission;
    }

    @Override
    public Supplier<RoutingTable> routing() {
        return () -> new RoutingTable(List.of(), List.of());
    }

    @Override
    public InetSocketAddress sipAddress() {
        return new InetSocketAddress("127.0.0.1", 5060);
    }

    @Override
    public List<String> domains() {
        return List.of("a.test");
    }

    @Override
    public boolean isTrustedPeer(InetAddress address) {
        return address.isLoopbackAddress();
    }

    @Override
    public void provideTrunks(TrunkResolver resolver) {
    }

    @Override
    public void every(Duration interval, String name, Runnable task) {
    }

    @Override
    public void contributeBackup(BackupPart part) {
    }

    @Override
    public <T> void publish(Class<T> type, T service) {
        services.put(type, service);
    }

    @Override
    public void withdraw(Class<?> type) {
        services.remove(type);
    }

    @Override
    public SipConnections sipConnections() {
        throw new UnsupportedOperationException("the PSTN adapter carries no SIP connections");
    }

    @Override
    public SipCredentials sipCredentials() {
        throw new UnsupportedOperationException("the PSTN adapter logs no SIP users in");
    }

    @Override
    public MediaCarriers mediaCarriers() {
        throw new UnsupportedOperationException("the PSTN adapter carries no media");
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public Alarms alarms() {
        throw new UnsupportedOperationException("no alarms in these tests");
    }

    @Override
    public <T> Optional<T> lookup(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
