package org.natterjack.plugin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.natterjack.admin.AdminApi;
import org.natterjack.admission.Admission;
import org.natterjack.config.LiveConfig;
import org.natterjack.jobs.Jobs;
import org.natterjack.location.NodeId;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plug-ins found on the class path: started after the SIP side is up, closed before it goes down. A
 * plug-in that fails to start is logged in one line and left out; the gateway runs on without it, unless the
 * plug-in says with a {@link FatalStartException} that the gateway must not.
 */
public final class Plugins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    /** A service offered by a plug-in, with the context of the plug-in that offered it. */
    record Published(PluginContext owner, Object service) {
    }

    /** A trunk resolver and the plug-in that provides it. */
    record Provided(PluginContext owner, TrunkResolver resolver) {
    }

    /** A plug-in's part of the configuration backup. */
    record Contributed(PluginContext owner, BackupPart part) {
    }

    /** A started plug-in and its context. */
    record Running(GatewayPlugin plugin, PluginContext context) {
    }

    private final AtomicReference<Provided> trunks = new AtomicReference<>();
    private final Map<Class<?>, Published> services = new ConcurrentHashMap<>();
    private final List<Running> running = new ArrayList<>();
    private final List<Contributed> backupParts = new CopyOnWriteArrayList<>();

    /** What the proxy asks for {@code trunk:NAME} routes: "unavailable" until a plug-in provides trunks. */
    public TrunkResolver trunks() {
        return (trunk, number) -> {
            Provided provided = trunks.get();
            return provided == null ? TrunkResolver.NONE.resolve(trunk, number)
                    : provided.resolver().resolve(trunk, number);
        };
    }

    /**
     * Starts every plug-in on the class path with what the core lends it.
     *
     * @throws FatalStartException as a plug-in threw it, after closing that plug-in; the caller closes the
     *     plug-ins started before it
     */
    public void start(LiveConfig config, Clock clock, Store store, NodeId node, Supplier<RoutingTable> routing,
                      Jobs jobs, AdminApi admin, Admission admission, CarrierAccess carriers, Monitoring monitoring) {
        List<String> names = new ArrayList<>();
        for (GatewayPlugin plugin : load()) {
            names.add(plugin.name());
            PluginContext context = new PluginContext(plugin.name(), this, config, clock, store, node, routing, jobs,
                    admin, admission, carriers, monitoring);
            try {
                plugin.start(context);
                running.add(new Running(plugin, context));
                LOG.info("Plug-in {} started", plugin.name());
            } catch (FatalStartException e) {
                LOG.error("Plug-in {} failed to start, and the gateway must not run without it: {}", plugin.name(),
                        e.getMessage());
                withdraw(context);
                plugin.close();
                throw e;
            } catch (Exception | LinkageError e) {
                LOG.error("Plug-in {} failed to start and is left out: {}", plugin.name(),
                        e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.debug("Plug-in {} start failure", plugin.name(), e);
                withdraw(context);
                plugin.close();
            }
        }
        config.started().plugins().names().stream().filter(n -> !names.contains(n)).forEach(n ->
                LOG.warn("plugins.{} is configured, but no plug-in of that name is installed", n));
    }

    /** The command-line contributions of every plug-in on the class path. */
    public static List<Object> commands() {
        List<Object> commands = new ArrayList<>();
        load().forEach(p -> commands.addAll(p.commands()));
        return commands;
    }

    private static List<GatewayPlugin> load() {
        List<GatewayPlugin> plugins = new ArrayList<>();
        Iterator<GatewayPlugin> found = ServiceLoader.load(GatewayPlugin.class).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    return plugins;
                }
                plugins.add(found.next());
            } catch (ServiceConfigurationError e) {
                LOG.error("A plug-in cannot be loaded and is left out: {}", e.getMessage());
            }
        }
    }

    void provideTrunks(PluginContext owner, TrunkResolver resolver) {
        if (!trunks.compareAndSet(null, new Provided(owner, resolver))) {
            throw new IllegalStateException("trunks are already provided by plug-in " + trunks.get().owner().name());
        }
    }

    void contributeBackup(PluginContext owner, BackupPart part) {
        if (backupParts.stream().anyMatch(c -> c.part().name().equals(part.name()))) {
            throw new IllegalStateException("backup part " + part.name() + " is already contributed");
        }
        backupParts.add(new Contributed(owner, part));
    }

    /** The backup parts of the running plug-ins. */
    public List<BackupPart> backupParts() {
        return backupParts.stream().map(Contributed::part).toList();
    }

    void publish(PluginContext owner, Class<?> type, Object service) {
        services.put(type, new Published(owner, service));
    }

    void withdraw(PluginContext owner, Class<?> type) {
        services.computeIfPresent(type, (t, p) -> p.owner() == owner ? null : p);
    }

    <T> Optional<T> lookup(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(p -> type.cast(p.service()));
    }

    /** Takes back what a stopped plug-in was lent: its jobs go idle, its trunks and services go away. */
    private void withdraw(PluginContext context) {
        context.deactivate();
        trunks.updateAndGet(p -> p != null && p.owner() == context ? null : p);
        services.values().removeIf(p -> p.owner() == context);
        backupParts.removeIf(c -> c.owner() == context);
    }

    /** Stops the running plug-ins, last started first. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Running r = running.get(i);
            withdraw(r.context());
            try {
                r.plugin().close();
            } catch (RuntimeException e) {
                LOG.warn("Plug-in {} did not close cleanly: {}", r.plugin().name(), e.toString());
            }
        }
        running.clear();
    }
}
