package org.natterjack.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The network plug-in's settings ({@code plugins.network}), fixed at start.
 *
 * @param enabled empty: on where {@code marker} exists (the appliance), idle elsewhere
 * @param marker the appliance image's DHCP file, {@code /etc/systemd/network/80-dhcp.network}: where it exists,
 *     systemd-networkd runs the links with the image's configuration, which is what this plug-in's file
 *     overrides, and the image's root-side units that apply it are there too
 * @param dir where the stored settings and the candidate are written; empty: {@code DATA_DIR/network}
 * @param requestFile written to ask the root-side path unit to put the candidate or the stored settings in effect
 * @param confirmWithin how long an applied change waits for confirmation before it is reverted
 */
public record NetworkSettings(Optional<Boolean> enabled, Path marker, Optional<Path> dir, Path requestFile,
                              Duration confirmWithin) {

    public NetworkSettings {
        if (confirmWithin.toSeconds() < 5 || confirmWithin.toSeconds() > 3600) {
            throw new IllegalArgumentException("confirm-seconds must be 5 to 3600, not " + confirmWithin.toSeconds());
        }
    }

    /** True where the plug-in works: {@code enabled} if set, else whether the marker exists. */
    public boolean active() {
        return enabled.orElseGet(() -> marker.toFile().exists());
    }

    @JsonCreator
    static NetworkSettings of(@JsonProperty("enabled") Boolean enabled,
                              @JsonProperty("marker") String marker,
                              @JsonProperty("dir") String dir,
                              @JsonProperty("request-file") String requestFile,
                              @JsonProperty("confirm-seconds") Integer confirmSeconds) {
        return new NetworkSettings(Optional.ofNullable(enabled),
                Path.of(marker == null ? "/etc/systemd/network/80-dhcp.network" : marker),
                Optional.ofNullable(dir).filter(d -> !d.isBlank()).map(Path::of),
                Path.of(requestFile == null ? "/run/natterjack/network-apply" : requestFile),
                Duration.ofSeconds(confirmSeconds == null ? 120 : confirmSeconds));
    }
}
