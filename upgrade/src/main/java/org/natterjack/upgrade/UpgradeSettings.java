package org.natterjack.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The upgrade agent's settings ({@code plugins.upgrade}), fixed at start.
 *
 * @param enabled empty: on where RAUC's {@code system-conf} exists (the appliance), idle elsewhere
 * @param systemConf RAUC's configuration; its presence marks an appliance
 * @param keyring the trusted roots (and CRLs) bundles and the channel index must be signed under
 * @param healthFile where the boot health verdict goes for the root-side health gate
 * @param rebootRequestFile created to have the appliance reboot (a root path unit watches it)
 * @param forceDowngradeFile written with the version before a forced downgrade, for RAUC's pre-install handler
 * @param drainDeadline the longest wait for calls to end before the switch (per upgrade: {@code drain-deadline})
 * @param dbusAddress the D-Bus address RAUC is reached at; empty: the system bus
 * @param channel the update channel's index URL (HTTPS); empty: no channel
 * @param channelInterval how often the channel is checked
 * @param channelAutoInstall install what the channel offers (activated at once); false: only show it
 */
public record UpgradeSettings(Optional<Boolean> enabled, Path systemConf, Path keyring, Path healthFile,
                              Path rebootRequestFile, Path forceDowngradeFile, Duration drainDeadline,
                              Optional<String> dbusAddress, Optional<URI> channel, Duration channelInterval,
                              boolean channelAutoInstall) {

    public UpgradeSettings {
        if (drainDeadline.isNegative() || channelInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("drain-deadline must not be negative, channel-interval at least 1m");
        }
        if (channel.isPresent() && !"https".equals(channel.get().getScheme())) {
            throw new IllegalArgumentException("channel must be an https:// URL, not '" + channel.get() + "'");
        }
    }

    public static UpgradeSettings defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** True where the agent works: {@code enabled} if set, else whether system.conf exists. */
    public boolean active() {
        return enabled.orElseGet(() -> systemConf.toFile().exists());
    }

    @JsonCreator
    static UpgradeSettings of(@JsonProperty("enabled") Boolean enabled,
                              @JsonProperty("system-conf") String systemConf,
                              @JsonProperty("keyring") String keyring,
                              @JsonProperty("health-file") String healthFile,
                              @JsonProperty("reboot-request-file") String rebootRequestFile,
                              @JsonProperty("force-downgrade-file") String forceDowngradeFile,
                              @JsonProperty("drain-deadline") String drainDeadline,
                              @JsonProperty("dbus-address") String dbusAddress,
                              @JsonProperty("channel") String channel,
                              @JsonProperty("channel-interval") String channelInterval,
                              @JsonProperty("channel-auto-install") Boolean channelAutoInstall) {
        return new UpgradeSettings(Optional.ofNullable(enabled),
                Path.of(systemConf == null ? "/etc/rauc/system.conf" : systemConf),
                Path.of(keyring == null ? "/etc/rauc/keyring.pem" : keyring),
                Path.of(healthFile == null ? "/run/natterjack/boot-health" : healthFile),
                Path.of(rebootRequestFile == null ? "/run/natterjack/reboot" : rebootRequestFile),
                Path.of(forceDowngradeFile == null ? "/run/natterjack/force-downgrade" : forceDowngradeFile),
                duration("drain-deadline", drainDeadline == null ? "5m" : drainDeadline),
                Optional.ofNullable(dbusAddress),
                Optional.ofNullable(channel).filter(c -> !c.isBlank()).map(URI::create),
                duration("channel-interval", channelInterval == null ? "6h" : channelInterval),
                channelAutoInstall != null && channelAutoInstall);
    }

    /** {@code 300}, {@code 300s}, {@code 5m}, {@code 6h} or {@code 1d}. */
    static Duration duration(String name, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("[0-9]{1,9}[smhd]?")) {
            throw new IllegalArgumentException(name + " must be a number of seconds or end in s, m, h or d, not '"
                    + text + "'");
        }
        boolean bare = Character.isDigit(t.charAt(t.length() - 1));
        long n = Long.parseLong(bare ? t : t.substring(0, t.length() - 1));
        char unit = bare ? 's' : t.charAt(t.length() - 1);
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
