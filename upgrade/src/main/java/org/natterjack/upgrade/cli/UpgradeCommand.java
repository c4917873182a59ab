package org.natterjack.upgrade.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.natterjack.config.ConfigException;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.store.BindingRepository;
import org.natterjack.store.Store;
import org.natterjack.upgrade.BundleCheck;
import org.natterjack.upgrade.ReleaseVersion;
import org.natterjack.upgrade.UpgradeFiles;
import org.natterjack.upgrade.UpgradeSettings;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeStatus.HistoryEntry;
import org.natterjack.upgrade.bundle.BundleVerifier;
import org.natterjack.upgrade.bundle.Keyring;
import org.natterjack.upgrade.bundle.Manifest;
import org.natterjack.upgrade.bundle.SignedContent;
import org.natterjack.upgrade.rauc.DbusRauc;
import org.natterjack.upgrade.rauc.Rauc;
import org.natterjack.upgrade.rauc.RaucException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack upgrade status|install}: the appliance's slots and upgrades from the shell, for scripts. */
@Command(name = "upgrade", description = "Appliance upgrades through RAUC (A/B slots).",
        subcommands = {UpgradeCommand.Status.class, UpgradeCommand.Install.class})
public final class UpgradeCommand {

    /** Exit code for a refused bundle or an unusable configuration. */
    static final int REFUSED = 2;
    static final int FAILED = 1;

    abstract static class Options {
        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's YAML configuration"
                + " (plugins.upgrade: keyring, dbus-address).")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Data directory (default: $NATTERJACK_DATA_DIR, else ./data).")
        Path dataDir = GatewayConfig.DEFAULT_DATA_DIR;

        UpgradeSettings settings() {
            GatewayConfig gateway = config == null ? GatewayConfig.defaults() : ConfigLoader.load(config);
            return gateway.plugins().bind("upgrade", UpgradeSettings.class);
        }

        UpgradeFiles files() {
            return new UpgradeFiles(dataDir.resolve("upgrade"));
        }

        static int refuse(String problem) {
            System.err.println("natterjack: " + problem);
            return REFUSED;
        }
    }

    @Command(name = "status", description = "Show the slots RAUC knows (booted, versions, boot status) and the"
            + " upgrade history.")
    static final class Status extends Options implements Callable<Integer> {
        @Override
        public Integer call() {
            try {
                Rauc rauc = new DbusRauc(settings().dbusAddress());
                String booted = rauc.bootSlot();
                System.out.println("Running " + ReleaseVersion.current() + " from slot " + booted);
                for (Rauc.Slot slot : rauc.slots()) {
                    System.out.printf("%-10s %-2s %-9s %-5s %s%n", slot.name(), slot.get("bootname"),
                            slot.get("state"), slot.get("boot-status"), slot.get("bundle.version"));
                }
            } catch (RaucException e) {
                System.err.println("natterjack: cannot ask RAUC: " + e.getMessage());
                return FAILED;
            } catch (ConfigException | IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
            for (HistoryEntry h : files().history()) {
                System.out.println(h.time() + " " + h.outcome() + " slot " + h.slot() + " " + h.fromVersion() + " -> "
                        + h.version() + (h.reasons().isEmpty() ? "" : " (" + h.reasons() + ")"));
            }
            return 0;
        }
    }

    @Command(name = "install", description = {"Verify BUNDLE as the web admin does (signature against RAUC's keyring,"
            + " compatible, the payload's verity hash tree, no older version unless --force) and install it into the"
            + " other slot through RAUC.",
            "Calls are NOT drained on this path: use the web admin or the API for that. With --activate the other slot"
            + " is marked active (pending written for the health gate); reboot to switch."})
    static final class Install extends Options implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE", description = "The .raucb file.")
        Path bundle;

        @Option(names = "--force", description = "Install an older version too.")
        boolean force;

        @Option(names = "--activate", description = "Mark the installed slot active for the next boot.")
        boolean activate;

        @Override
        public Integer call() {
            try {
                UpgradeSettings settings = settings();
                Rauc rauc = new DbusRauc(settings.dbusAddress());
                BundleCheck check = new BundleCheck(new BundleVerifier(new SignedContent(
                        Keyring.load(settings.keyring()), Clock.systemUTC())), rauc, ReleaseVersion.current());
                Path file = bundle.toAbsolutePath();
                Manifest manifest = check.check(file, force);
                System.out.println("Verified " + manifest.version() + " (signature, compatible, payload)");
                if (force && BundleVerifier.isDowngrade(manifest, check.running())) {
                    UpgradeFiles.writeFile(settings.forceDowngradeFile(), manifest.version());
                }
                AtomicInteger shown = new AtomicInteger(-1);
                rauc.install(file, (percent, message) -> {
                    if (shown.getAndSet(percent) != percent) {
                        System.out.println(percent + "% " + message);
                    }
                });
                System.out.println("Installed " + manifest.version() + " into the other slot");
                if (activate) {
                    activate(rauc, manifest, check.running());
                }
                return 0;
            } catch (UpgradeRefused e) {
                return refuse("refused: " + e.getMessage());
            } catch (ConfigException | IllegalArgumentException e) {
                return refuse(e.getMessage());
            } catch (RaucException | IOException e) {
                System.err.println("natterjack: " + e.getMessage());
                return FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
        }

        private void activate(Rauc rauc, Manifest manifest, String running) throws RaucException, IOException {
            String booted = rauc.bootSlot();
            String other = rauc.slots().stream().map(s -> s.get("bootname"))
                    .filter(b -> !b.isEmpty() && !b.equals(booted)).findFirst()
                    .orElseThrow(() -> new RaucException("RAUC knows no other bootable slot than " + booted));
            int bindings = new BindingRepository(Store.open(dataDir), Clock.systemUTC()).loadLive().size();
            // The PSTN spans are the running gateway's to know; the health gate checks them only after a web admin upgrade.
            files().writePending(new UpgradeFiles.Pending(other, manifest.version(), booted, running, bindings,
                    new TreeSet<>()));
            System.out.println(rauc.mark("active", "other") + "; reboot to switch to slot " + other);
        }
    }
}
