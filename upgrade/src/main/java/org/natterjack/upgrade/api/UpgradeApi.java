package org.natterjack.upgrade.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the web admin (or any other plug-in) may ask of the upgrade agent; published on the plug-in context while
 * the upgrade plug-in runs: {@code context.lookup(UpgradeApi.class)}. One upgrade runs at a time.
 */
public interface UpgradeApi {

    /** Everything the Upgrades page shows; answered from memory and a few small files. */
    UpgradeStatus status();

    /**
     * Takes a bundle: streams {@code bundle} to the agent's upload file, verifies it (signature against RAUC's
     * keyring, compatible, the payload's verity hash tree, the version), and returns once it is verified; the
     * drain, the install and the switch go on in the background ({@link #status()} shows them).
     *
     * @throws UpgradeBusy before reading anything, if an upgrade runs or the agent is idle (not an appliance)
     * @throws UpgradeRefused if the bundle fails a check; nothing was drained or written but the upload file,
     *     which is removed
     * @throws IOException if the stream breaks or the file cannot be written
     */
    UpgradeStatus install(InputStream bundle, InstallOptions options) throws UpgradeBusy, UpgradeRefused,
            IOException;

    /**
     * Switches to the installed slot now, for an upgrade installed with {@link Activation.Manual} (or one still
     * waiting for its time): drain, {@code pending}, {@code Mark("active","other")}, reboot request.
     *
     * @throws UpgradeBusy if no installed upgrade waits for activation
     */
    UpgradeStatus activate() throws UpgradeBusy;
}
