package org.natterjack.upgrade.api;

import java.time.Duration;
import java.util.Optional;

/**
 * How to install one bundle.
 *
 * @param force install even if the bundle is older than the running version
 * @param activation when to switch slots and reboot
 * @param drainDeadline how long calls may take to end before the switch; empty: the setting
 *     {@code plugins.upgrade.drain-deadline}
 */
public record InstallOptions(boolean force, Activation activation, Optional<Duration> drainDeadline) {

    public InstallOptions {
        if (drainDeadline.isPresent() && drainDeadline.get().isNegative()) {
            throw new IllegalArgumentException("drain-deadline must not be negative");
        }
    }

    public static InstallOptions defaults() {
        return new InstallOptions(false, new Activation.Now(), Optional.empty());
    }
}
