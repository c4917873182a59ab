package org.natterjack.upgrade.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent at a glance, for the Upgrades page and {@code GET /api/v1/upgrades}.
 *
 * @param enabled false where the plug-in stays idle (not an appliance); {@code idleReason} says why
 * @param running the running version and the slot booted from
 * @param other the other slot: what RAUC knows of it
 * @param upgrade the current (or last) upgrade, if any since start
 * @param channel the update channel, if one is configured
 * @param history finished upgrades from the health gate's {@code history}, newest first
 * @param bootLog the last lines of the health gate's {@code boot-log}, newest last
 */
public record UpgradeStatus(boolean enabled, String idleReason, Slot running, Optional<Slot> other,
                            Optional<Upgrade> upgrade, Optional<Channel> channel, List<HistoryEntry> history,
                            List<String> bootLog) {

    public UpgradeStatus {
        history = List.copyOf(history);
        bootLog = List.copyOf(bootLog);
    }

    /**
     * One slot.
     *
     * @param bootname A or B; empty when unknown (not an appliance)
     * @param state RAUC's slot state (booted, inactive, ...) and boot status (good, bad), as far as known
     */
    public record Slot(String bootname, String version, String state) {
    }

    /**
     * The upgrade in progress or the last one.
     *
     * @param progress RAUC's percentage while installing, 0-100
     * @param step RAUC's progress message, or what the agent does
     * @param drain calls left and seconds left while draining
     * @param reason why it failed, when {@code state} is FAILED
     */
    public record Upgrade(State state, String version, String fromVersion, boolean forced, String activation,
                          int progress, String step, Optional<Drain> drain, String reason, Instant since) {

        /** The same upgrade while it drains. */
        public Upgrade withDrain(State now, int callsLeft, long secondsLeft) {
            return new Upgrade(now, version, fromVersion, forced, activation, progress,
                    "new calls get 503; waiting for calls to end", Optional.of(new Drain(callsLeft, secondsLeft)),
                    "", since);
        }
    }

    /** The drain, live. */
    public record Drain(int callsLeft, long secondsLeft) {
    }

    /**
     * The update channel.
     *
     * @param available a newer signed version the channel offers, if any
     * @param error why the last check failed, empty if it worked
     */
    public record Channel(String url, Optional<Instant> lastCheck, Optional<String> available, String error,
                          boolean autoInstall) {
    }

    /** One line of the health gate's {@code history}: an upgrade that was kept or rolled back, and why. */
    public record HistoryEntry(Instant time, String outcome, String slot, String version, String fromVersion,
                               String reasons) {
    }
}
