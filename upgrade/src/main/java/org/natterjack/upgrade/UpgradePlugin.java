package org.natterjack.upgrade;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.natterjack.admin.AdminUrl;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.SpanInfo;
import org.natterjack.upgrade.api.UpgradeApi;
import org.natterjack.upgrade.bundle.BundleVerifier;
import org.natterjack.upgrade.bundle.Keyring;
import org.natterjack.upgrade.bundle.SignedContent;
import org.natterjack.upgrade.channel.UpdateChannel;
import org.natterjack.upgrade.cli.UpgradeCommand;
import org.natterjack.upgrade.rauc.DbusRauc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade agent as a gateway plug-in: on the appliance (RAUC's system.conf present, or
 * {@code plugins.upgrade.enabled: true}) it writes the boot health verdict, takes bundles through
 * {@link UpgradeApi} (the web admin) and polls the update channel; elsewhere it publishes an idle API and says
 * so once. The agent's work (and the channel's downloads, which are long for a Quartz job) runs on its own
 * thread.
 */
public final class UpgradePlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradePlugin.class);
    static final String NAME = "upgrade";

    /** Longer than an appliance takes to reboot into the other slot and restore its bindings. */
    private static final Duration REBOOT_ALLOWANCE = Duration.ofMinutes(5);

    private ScheduledExecutorService worker;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) throws IOException {
        UpgradeSettings settings = context.settings(UpgradeSettings.class);
        if (!settings.active()) {
            String reason = "not an appliance: " + settings.systemConf() + " does not exist (set"
                    + " plugins.upgrade.enabled: true to force the agent on)";
            LOG.info("Upgrade agent idle, {}", reason);
            context.publish(UpgradeApi.class, new IdleUpgrades(reason));
            return;
        }
        UpgradeFiles files = new UpgradeFiles(context.dataDir().resolve("upgrade"));
        worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "natterjack-upgrade");
            t.setDaemon(true);
            return t;
        });
        BootHealth health = new BootHealth(new BootHealth.Probes(context.sipAddress(),
                () -> context.admin().status().registrations(),
                () -> context.lookup(PstnApi.class).map(p -> p.asterisk().up()), () -> spansUp(context),
                () -> context.lookup(AdminUrl.class).map(AdminUrl::uri)), files, settings.healthFile(),
                ReleaseVersion.current(), Path.of("/proc/cmdline"), BootHealth.SETTLE);
        worker.execute(health::run);

        DbusRauc rauc = new DbusRauc(settings.dbusAddress());
        SignedContent signatures = new SignedContent(Keyring.load(settings.keyring()), context.clock());
        BundleCheck check = new BundleCheck(new BundleVerifier(signatures), rauc, ReleaseVersion.current());
        Optional<UpdateChannel> channel = settings.channel().map(url -> new UpdateChannel(url, signatures,
                files.download(), settings.channelAutoInstall(), context.clock(), HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build()));
        UpgradeAgent agent = new UpgradeAgent(new UpgradeAgent.Host(settings, files, context.admission(),
                () -> context.admin().calls().list().size() + context.lookup(PstnApi.class).map(p -> p.activeCalls().size()).orElse(0),
                () -> outlivingAReboot(context), () -> spansUp(context), context.clock(),
                () -> channel.map(UpdateChannel::status)), rauc, check, worker);
        channel.ifPresent(c -> context.every(settings.channelInterval(), "channel",
                () -> worker.execute(() -> c.check(ReleaseVersion.current(), agent::installFile))));
        context.publish(UpgradeApi.class, agent);
        LOG.info("Upgrade agent ready: bundles verified against {}, drain deadline {}s, channel {}",
                settings.keyring(), settings.drainDeadline().toSeconds(),
                settings.channel().map(Object::toString).orElse("none"));
    }

    /**
     * The bindings the store must give back after the reboot: those that will not have lapsed by then. A NATed
     * phone's binding lasts only {@code nat.refresh-seconds} (60 by default) and is renewed by the phone itself,
     * so it does not count.
     */
    private static int outlivingAReboot(GatewayContext context) {
        return (int) context.admin().registrations().list().stream()
                .filter(r -> r.expiresInSeconds() > REBOOT_ALLOWANCE.toSeconds()).count();
    }

    /** The PSTN spans in service now (none without the PSTN plug-in): after an upgrade the same must come back. */
    private static Set<Integer> spansUp(GatewayContext context) {
        return context.lookup(PstnApi.class).map(p -> p.spans().stream().filter(SpanInfo::isUp)
                .map(SpanInfo::span).collect(Collectors.toSet())).orElse(Set.of());
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public List<Object> commands() {
        return List.of(new UpgradeCommand());
    }
}
