package org.natterjack.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.admission.Admission;
import org.natterjack.upgrade.api.Activation;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.upgrade.api.State;
import org.natterjack.upgrade.api.UpgradeBusy;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeStatus;
import org.natterjack.upgrade.bundle.BundleVerifier;
import org.natterjack.upgrade.bundle.Keyring;
import org.natterjack.upgrade.bundle.SignedContent;
import org.natterjack.upgrade.bundle.TestBundles;

/** The install flow against a fake RAUC and real bundles: order of steps, files written, failures. */
class UpgradeAgentTest {

    @TempDir
    static Path keys;
    static TestBundles bundles;
    static Path bundle;

    @TempDir
    Path data;
    final Admission admission = new Admission();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean drainedWhileInstalling = new AtomicBoolean();
    final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    FakeRauc rauc;

    @BeforeAll
    static void makeBundle() throws Exception {
        bundles = TestBundles.in(keys);
        bundle = bundles.bundle("0.2.0", 50_000);
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private UpgradeAgent agent(String running) throws Exception {
        rauc = new FakeRauc("0.2.0");
        rauc.beforeInstall = () -> drainedWhileInstalling.set(admission.draining().isPresent());
        UpgradeSettings settings = UpgradeSettings.of(true, null, null, data.resolve("run/boot-health").toString(),
                data.resolve("run/reboot").toString(), data.resolve("run/force-downgrade").toString(), "30", null,
                null, null, null);
        UpgradeFiles files = new UpgradeFiles(data.resolve("upgrade"));
        BundleCheck check = new BundleCheck(new BundleVerifier(new SignedContent(Keyring.load(bundles.keyring()),
                Clock.systemUTC())), rauc, running);
        return new UpgradeAgent(new UpgradeAgent.Host(settings, files, admission, calls::get, () -> 7,
                () -> Set.of(2, 1), Clock.systemUTC(), Optional::empty), rauc, check, worker);
    }

    private static InputStream body() throws Exception {
        return Files.newInputStream(bundle);
    }

    private static UpgradeStatus.Upgrade waitFor(UpgradeAgent agent, State state) throws Exception {
        for (int i = 0; i < 100; i++) {
            UpgradeStatus.Upgrade u = agent.status().upgrade().orElseThrow();
            if (u.state() == state) {
                return u;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached " + state + ": " + agent.status().upgrade());
    }

    @Test
    void aGoodBundleIsDrainedInstalledMarkedAndRebooted() throws Exception {
        UpgradeAgent agent = agent("0.1.0");
        UpgradeStatus accepted = agent.install(body(), InstallOptions.defaults());
        assertEquals("0.2.0", accepted.upgrade().orElseThrow().version());

        UpgradeStatus.Upgrade done = waitFor(agent, State.REBOOTING);
        assertTrue(drainedWhileInstalling.get(), "new calls were refused while RAUC wrote the slot");
        assertEquals(List.of("install", "mark active other"), rauc.calls);
        assertEquals("slot=B\nversion=0.2.0\nfrom_slot=A\nfrom_version=0.1.0\nregistrations=7\nspans=1,2\n",
                Files.readString(data.resolve("upgrade/pending")));
        assertTrue(Files.exists(data.resolve("run/reboot")));
        assertFalse(Files.exists(data.resolve("upgrade/upload.raucb")), "the bundle is removed once installed");
        assertTrue(admission.draining().isPresent(), "new calls stay refused until the reboot");
        assertTrue(done.step().contains("rootfs.1"), done.step());
        assertEquals("B", agent.status().other().orElseThrow().bootname());
    }

    @Test
    void aTamperedBundleIsRefusedBeforeAnyDrainOrWrite() throws Exception {
        Path bad = keys.resolve("tampered.raucb");
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[100] ^= 1;
        Files.write(bad, bytes);
        UpgradeAgent agent = agent("0.1.0");
        UpgradeRefused refused = assertThrows(UpgradeRefused.class,
                () -> agent.install(Files.newInputStream(bad), InstallOptions.defaults()));
        assertEquals(UpgradeRefused.Check.PAYLOAD, refused.check());
        assertEquals(State.FAILED, agent.status().upgrade().orElseThrow().state());
        assertTrue(rauc.calls.isEmpty());
        assertTrue(admission.draining().isEmpty());
        assertFalse(Files.exists(data.resolve("upgrade/upload.raucb")));
        assertFalse(Files.exists(data.resolve("upgrade/pending")));
    }

    @Test
    void anOlderBundleIsRefusedUnlessForced() throws Exception {
        UpgradeAgent agent = agent("0.3.0");
        assertEquals(UpgradeRefused.Check.OLDER, assertThrows(UpgradeRefused.class,
                () -> agent.install(body(), InstallOptions.defaults())).check());
        assertTrue(rauc.calls.isEmpty());

        agent.install(body(), new InstallOptions(true, new Activation.Manual(), Optional.empty()));
        waitFor(agent, State.INSTALLED);
        assertEquals("0.2.0\n", Files.readString(data.resolve("run/force-downgrade")), "for the pre-install handler");
    }

    @Test
    void aManualActivationWaitsAndOneUpgradeRunsAtATime() throws Exception {
        UpgradeAgent agent = agent("0.1.0");
        agent.install(body(), new InstallOptions(false, new Activation.Manual(), Optional.of(Duration.ofSeconds(5))));
        waitFor(agent, State.INSTALLED);
        assertTrue(admission.draining().isEmpty(), "calls are taken while the switch waits");
        assertThrows(UpgradeBusy.class, () -> agent.install(body(), InstallOptions.defaults()));
        assertEquals(List.of("install"), rauc.calls);

        agent.activate();
        waitFor(agent, State.REBOOTING);
        assertEquals(List.of("install", "mark active other"), rauc.calls);
    }

    @Test
    void aFailedInstallLiftsTheDrainAndWritesNothing() throws Exception {
        UpgradeAgent agent = agent("0.1.0");
        rauc.installError = "Installation error: Failed updating slot rootfs.1";
        agent.install(body(), InstallOptions.defaults());
        UpgradeStatus.Upgrade failed = waitFor(agent, State.FAILED);
        assertTrue(failed.reason().contains("Failed updating slot"), failed.reason());
        assertTrue(admission.draining().isEmpty());
        assertFalse(Files.exists(data.resolve("upgrade/pending")));
        assertFalse(Files.exists(data.resolve("run/reboot")));
    }

    @Test
    void theDrainWaitsForCallsAndShowsThem() throws Exception {
        calls.set(2);
        UpgradeAgent agent = agent("0.1.0");
        agent.install(body(), InstallOptions.defaults());
        UpgradeStatus.Upgrade draining = waitFor(agent, State.DRAINING);
        assertEquals(2, draining.drain().orElseThrow().callsLeft());
        assertTrue(admission.draining().isPresent());
        assertTrue(rauc.calls.isEmpty(), "nothing installed while calls are up");
        calls.set(0);
        waitFor(agent, State.REBOOTING);
    }
}
