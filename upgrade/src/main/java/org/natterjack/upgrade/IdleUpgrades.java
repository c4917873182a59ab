package org.natterjack.upgrade;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.natterjack.Version;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.upgrade.api.UpgradeApi;
import org.natterjack.upgrade.api.UpgradeBusy;
import org.natterjack.upgrade.api.UpgradeStatus;

/** The agent where it stays idle (not an appliance): the page says why, every request is refused. */
final class IdleUpgrades implements UpgradeApi {

    private final String reason;

    IdleUpgrades(String reason) {
        this.reason = reason;
    }

    @Override
    public UpgradeStatus status() {
        return new UpgradeStatus(false, reason, new UpgradeStatus.Slot("", Version.current(), "running"),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    @Override
    public UpgradeStatus install(InputStream bundle, InstallOptions options) throws UpgradeBusy {
        throw new UpgradeBusy(reason);
    }

    @Override
    public UpgradeStatus activate() throws UpgradeBusy {
        throw new UpgradeBusy(reason);
    }
}
