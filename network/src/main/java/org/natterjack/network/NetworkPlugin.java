package org.natterjack.network;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.natterjack.network.api.NetworkApi;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's network settings as a gateway plug-in: on the appliance (its DHCP file present, or
 * {@code plugins.network.enabled: true}) it publishes {@link NetworkApi} for the web admin, writes the
 * systemd-networkd file and asks the root side to apply it, and reverts what is not confirmed in time (checked
 * every second on its own thread); elsewhere it publishes an idle API and says so once.
 */
public final class NetworkPlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkPlugin.class);
    static final String NAME = "network";

    private ScheduledExecutorService timer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) throws Exception {
        NetworkSettings settings = context.settings(NetworkSettings.class);
        if (!settings.active()) {
            String reason = "not an appliance: " + settings.marker() + " does not exist (set"
                    + " plugins.network.enabled: true to force the plug-in on)";
            LOG.info("Network settings idle, {}", reason);
            context.publish(NetworkApi.class, new IdleNetwork(reason, Links::now));
            return;
        }
        Path dir = settings.dir().orElse(context.dataDir().resolve(NAME));
        NetworkFiles files = new NetworkFiles(dir, settings.requestFile());
        NetworkChanges changes = new NetworkChanges(files, context.clock(), settings.confirmWithin(), Links::now);
        changes.recover();
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "natterjack-network");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                changes.tick();
            } catch (RuntimeException e) {
                LOG.error("Network: the confirmation check failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        context.publish(NetworkApi.class, changes);
        LOG.info("Network settings ready: stored in {}, applied through {}, confirmation within {} s", files.stored(),
                files.requestFile(), settings.confirmWithin().toSeconds());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
