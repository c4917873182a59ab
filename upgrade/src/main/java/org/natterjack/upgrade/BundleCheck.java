package org.natterjack.upgrade;

import java.io.IOException;
import java.nio.file.Path;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;
import org.natterjack.upgrade.bundle.BundleVerifier;
import org.natterjack.upgrade.bundle.Manifest;
import org.natterjack.upgrade.rauc.Rauc;
import org.natterjack.upgrade.rauc.RaucException;

/**
 * Everything a bundle must pass before anything is drained or written, for the web admin, the channel and the
 * command line alike: the agent's own signature and payload check, RAUC's {@code Info} (its signature check
 * against the keyring), the compatible, and the version rule.
 */
public final class BundleCheck {

    private final BundleVerifier verifier;
    private final Rauc rauc;
    private final String running;

    public BundleCheck(BundleVerifier verifier, Rauc rauc, String running) {
        this.verifier = verifier;
        this.rauc = rauc;
        this.running = running;
    }

    public String running() {
        return running;
    }

    /** The bundle's signed manifest if it may be installed. */
    public Manifest check(Path bundle, boolean force) throws UpgradeRefused, IOException {
        Manifest manifest = verifier.verify(bundle);
        try {
            Rauc.BundleInfo info = rauc.info(bundle);
            if (!info.version().equals(manifest.version()) || !info.compatible().equals(manifest.compatible())) {
                throw new UpgradeRefused(Check.SIGNATURE, "RAUC reads another manifest (" + info + ") than the"
                        + " signature holds");
            }
            BundleVerifier.requireAcceptable(manifest, rauc.compatible(), running, force);
        } catch (RaucException e) {
            throw new UpgradeRefused(Check.SIGNATURE, "RAUC refused the bundle: " + e.getMessage());
        }
        return manifest;
    }
}
