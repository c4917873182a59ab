package org.natterjack.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.natterjack.admission.Admission;
import org.natterjack.upgrade.api.Activation;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.upgrade.api.State;
import org.natterjack.upgrade.api.UpgradeApi;
import org.natterjack.upgrade.api.UpgradeBusy;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeStatus;
import org.natterjack.upgrade.api.UpgradeStatus.Upgrade;
import org.natterjack.upgrade.bundle.BundleVerifier;
import org.natterjack.upgrade.bundle.Manifest;
import org.natterjack.upgrade.rauc.Rauc;
import org.natterjack.upgrade.rauc.RaucException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one upgrade at a time: received → verified (synchronously, so the caller hears a refusal) → draining →
 * installing → installed → at the activation time: drained again if the drain was lifted meanwhile, {@code pending}
 * written, {@code Mark("active","other")}, reboot requested. Any failure: state {@code failed} with the reason,
 * the drain lifted, {@code pending} removed. The steps after verification run on the single worker thread; the
 * state is one immutable {@link Upgrade} replaced at each step.
 */
public final class UpgradeAgent implements UpgradeApi {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeAgent.class);
    /** What a refused caller is told to wait beyond the drain: about one reboot. */
    private static final Duration REBOOT_TIME = Duration.ofSeconds(60);
    private static final Duration SLOT_CACHE = Duration.ofSeconds(10);

    /** What the agent works with, besides RAUC. */
    public record Host(UpgradeSettings settings, UpgradeFiles files, Admission admission, IntSupplier activeCalls,
                       IntSupplier registrations, Supplier<Set<Integer>> spansUp, Clock clock,
                       Supplier<Optional<UpgradeStatus.Channel>> channel) {
    }

    private final Host host;
    private final Rauc rauc;
    private final BundleCheck check;
    private final ScheduledExecutorService worker;
    private final Object lock = new Object();
    private volatile Optional<Upgrade> current = Optional.empty();
    private volatile Manifest installed;
    private volatile InstallOptions options;
    private volatile SlotView slots;

    private record SlotView(Instant read, String booted, Optional<UpgradeStatus.Slot> other) {
    }

    public UpgradeAgent(Host host, Rauc rauc, BundleCheck check, ScheduledExecutorService worker) {
        this.host = host;
        this.rauc = rauc;
        this.check = check;
        this.worker = worker;
    }

    @Override
    public UpgradeStatus status() {
        SlotView view = slots();
        return new UpgradeStatus(true, "", new UpgradeStatus.Slot(view.booted(), check.running(), "booted"),
                view.other(), current, host.channel().get(), host.files().history(), host.files().bootLog(10));
    }

    @Override
    public UpgradeStatus install(InputStream bundle, InstallOptions options) throws UpgradeBusy, UpgradeRefused,
            IOException {
        begin(options);
        Path file = host.files().upload();
        try {
            Files.createDirectories(file.getParent());
            Files.copy(bundle, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            fail("the upload broke off: " + e.getMessage());
            Files.deleteIfExists(file);
            throw e;
        }
        return accept(file, options);
    }

    /** Takes a bundle already on disk (the channel's download); {@link #install} without the upload. */
    UpgradeStatus installFile(Path file, InstallOptions options) throws UpgradeBusy, UpgradeRefused, IOException {
        begin(options);
        return accept(file, options);
    }

    @Override
    public UpgradeStatus activate() throws UpgradeBusy {
        Optional<Upgrade> u = current;
        if (u.isEmpty() || u.get().state() != State.INSTALLED) {
            throw new UpgradeBusy("no installed upgrade waits for activation");
        }
        worker.execute(this::activateNow);
        return status();
    }

    private void begin(InstallOptions o) throws UpgradeBusy {
        synchronized (lock) {
            Optional<Upgrade> u = current;
            if (u.isPresent() && u.get().state() != State.FAILED && u.get().state() != State.IDLE) {
                throw new UpgradeBusy("an upgrade to " + u.get().version() + " is " + u.get().state().name()
                        .toLowerCase(Locale.ROOT));
            }
            options = o;
            installed = null;
            set(new Upgrade(State.RECEIVED, "", check.running(), o.force(), o.activation().toString(), 0,
                    "receiving the bundle", Optional.empty(), "", host.clock().instant()));
        }
    }

    private UpgradeStatus accept(Path file, InstallOptions o) throws UpgradeRefused, IOException {
        Manifest manifest;
        try {
            manifest = check.check(file, o.force());
        } catch (UpgradeRefused | IOException | RuntimeException e) {
            fail(e.getMessage());
            Files.deleteIfExists(file);
            throw e;
        }
        LOG.info("Upgrade bundle {} verified (signature, compatible, payload{}); activation {}", manifest.version(),
                o.force() ? ", forced" : "", o.activation());
        update(State.VERIFIED, manifest.version(), 0, "verified");
        worker.execute(() -> run(file, manifest, o));
        return status();
    }

    private void run(Path file, Manifest manifest, InstallOptions o) {
        try {
            drain(o);
            if (o.force() && BundleVerifier.isDowngrade(manifest, check.running())) {
                UpgradeFiles.writeFile(host.settings().forceDowngradeFile(), manifest.version());
            }
            update(State.INSTALLING, manifest.version(), 0, "installing into the other slot");
            rauc.install(file, (percent, message) -> update(State.INSTALLING, manifest.version(), percent, message));
            Files.deleteIfExists(file);
            installed = manifest;
            slots = null;
            if (!(o.activation() instanceof Activation.Now)) {
                host.admission().admit(); // calls are taken while the switch waits; it drains again first
            }
            update(State.INSTALLED, manifest.version(), 100, "installed; activation " + o.activation());
            LOG.info("Upgrade {} installed into the other slot; activation {}", manifest.version(), o.activation());
            if (o.activation() instanceof Activation.At at) {
                worker.schedule(this::activateNow,
                        Math.max(0, Duration.between(host.clock().instant(), at.time()).toMillis()),
                        TimeUnit.MILLISECONDS);
            } else if (o.activation() instanceof Activation.Now) {
                activateNow();
            }
        } catch (RaucException | IOException | RuntimeException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            fail("interrupted (the gateway stops)");
            Thread.currentThread().interrupt();
        }
    }


    /** On the worker thread: drain (if not drained), pending, Mark("active","other"), reboot request. */
    private void activateNow() {
        Manifest manifest = installed;
        if (current.map(u -> u.state() != State.INSTALLED).orElse(true)) {
            return; // switched already (an activation asked twice)
        }
        try {
            if (host.admission().draining().isEmpty()) {
                drain(options);
            }
            update(State.INSTALLED, manifest.version(), 100, "switching to the other slot");
            String booted = rauc.bootSlot();
            String other = otherBootname(booted);
            host.files().writePending(new UpgradeFiles.Pending(other, manifest.version(), booted, check.running(),
                    host.registrations().getAsInt(), new TreeSet<>(host.spansUp().get())));
            String message = rauc.mark("active", "other");
            UpgradeFiles.writeFile(host.settings().rebootRequestFile(), manifest.version());
            update(State.REBOOTING, manifest.version(), 100, message + "; rebooting into slot " + other);
            LOG.info("Upgrade {}: {}; reboot requested", manifest.version(), message);
        } catch (RaucException | IOException | RuntimeException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            fail("interrupted (the gateway stops)");
            Thread.currentThread().interrupt();
        }
    }

    private void drain(InstallOptions o) throws InterruptedException {
        Duration deadline = o.drainDeadline().orElse(host.settings().drainDeadline());
        Drain drain = new Drain(host.clock().instant(), deadline);
        host.admission().drain(deadline.plus(REBOOT_TIME));
        String version = current.map(Upgrade::version).orElse("");
        while (true) {
            Drain.Step step = drain.step(host.clock().instant(), host.activeCalls().getAsInt());
            if (step instanceof Drain.Waiting w) {
                set(current.get().withDrain(State.DRAINING, w.callsLeft(), w.secondsLeft()));
                Thread.sleep(1000);
            } else {
                int left = ((Drain.Done) step).callsLeft();
                if (left > 0) {
                    LOG.warn("Upgrade {}: the drain deadline passed with {} call(s) up; they end with the reboot",
                            version, left);
                }
                return;
            }
        }
    }

    private String otherBootname(String booted) throws RaucException {
        return rauc.slots().stream().map(s -> s.get("bootname"))
                .filter(b -> !b.isEmpty() && !b.equals(booted)).findFirst()
                .orElseThrow(() -> new RaucException("RAUC knows no other bootable slot than " + booted));
    }

    private SlotView slots() {
        SlotView view = slots;
        Instant now = host.clock().instant();
        if (view != null && Duration.between(view.read(), now).compareTo(SLOT_CACHE) < 0) {
            return view;
        }
        try {
            String booted = rauc.bootSlot();
            List<Rauc.Slot> all = rauc.slots();
            Optional<UpgradeStatus.Slot> other = all.stream()
                    .filter(s -> !s.get("bootname").isEmpty() && !s.get("bootname").equals(booted))
                    .findFirst().map(s -> new UpgradeStatus.Slot(s.get("bootname"), s.get("bundle.version"),
                            (s.get("state") + " " + s.get("boot-status")).strip()));
            view = new SlotView(now, booted, other);
        } catch (RaucException e) {
            view = new SlotView(now, "", Optional.empty());
        }
        slots = view;
        return view;
    }

    private void update(State state, String version, int progress, String step) {
        current.ifPresent(u -> set(new Upgrade(state, version, u.fromVersion(), u.forced(), u.activation(), progress,
                step, Optional.empty(), "", u.since())));
    }

    private void fail(String reason) {
        host.admission().admit();
        try {
            Files.deleteIfExists(host.files().dir().resolve("pending"));
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", host.files().dir().resolve("pending"), e.getMessage());
        }
        current.ifPresent(u -> set(new Upgrade(State.FAILED, u.version(), u.fromVersion(), u.forced(),
                u.activation(), u.progress(), u.step(), Optional.empty(), reason, u.since())));
        LOG.warn("Upgrade failed: {}", reason);
    }

    private void set(Upgrade u) {
        current = Optional.of(u);
    }
}
