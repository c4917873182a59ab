package org.natterjack.upgrade;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.natterjack.upgrade.bundle.TestBundles;
import org.natterjack.upgrade.rauc.Rauc;
import org.natterjack.upgrade.rauc.RaucException;

/** RAUC as the agent sees it, booted from slot A; records the calls that change something. */
final class FakeRauc implements Rauc {

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String installError;
    volatile Runnable beforeInstall = () -> { };
    private final String bundleVersion;

    FakeRauc(String bundleVersion) {
        this.bundleVersion = bundleVersion;
    }

    @Override
    public BundleInfo info(Path bundle) {
        return new BundleInfo(TestBundles.COMPATIBLE, bundleVersion);
    }

    @Override
    public void install(Path bundle, Progress progress) throws RaucException {
        beforeInstall.run();
        calls.add("install");
        progress.update(40, "Copying image to rootfs.1");
        if (installError != null) {
            throw new RaucException(installError);
        }
    }

    @Override
    public String mark(String state, String slot) {
        calls.add("mark " + state + " " + slot);
        return "activated slot rootfs.1";
    }

    @Override
    public List<Slot> slots() {
        return List.of(new Slot("rootfs.0", Map.of("bootname", "A", "state", "booted", "boot-status", "good")),
                new Slot("rootfs.1", Map.of("bootname", "B", "state", "inactive", "boot-status", "good",
                        "bundle.version", "0.0.9")));
    }

    @Override
    public String compatible() {
        return TestBundles.COMPATIBLE;
    }

    @Override
    public String bootSlot() {
        return "A";
    }
}
