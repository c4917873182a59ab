package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This gateway among several that share a PostgreSQL store ({@code node} in the configuration file). Unused with
 * the embedded store.
 *
 * @param name the node's name, unique among the nodes (default: the host name)
 * @param address where the other nodes send it SIP for the phones whose flows it holds (default: the advertised
 *                address and the first SIP port)
 * @param heartbeatSeconds how often it tells the database it is alive
 * @param deadAfterSeconds how long without a heartbeat before the others count it dead and stop offering its
 *                         bindings
 * @param graceSeconds how long a dead node's bindings stay in the database before they are removed
 */
public record NodeSettings(String name, Optional<ListenAddress> address, int heartbeatSeconds, int deadAfterSeconds,
                           int graceSeconds) {

    public NodeSettings {
        if (!name.matches("[A-Za-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException("node.name is 1 to 63 letters, digits, dots, dashes or underscores,"
                    + " not '" + name + "'");
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 60) {
            throw new IllegalArgumentException("node.heartbeat-seconds must be 1-60");
        }
        if (deadAfterSeconds < 2 * heartbeatSeconds || deadAfterSeconds > 600) {
            throw new IllegalArgumentException("node.dead-after-seconds must be at least twice"
                    + " node.heartbeat-seconds and at most 600");
        }
        if (graceSeconds < deadAfterSeconds || graceSeconds > 86_400) {
            throw new IllegalArgumentException("node.grace-seconds must be from node.dead-after-seconds to 86400");
        }
    }

    public static NodeSettings defaults() {
        return of(null, null, null, null, null);
    }

    @JsonCreator
    static NodeSettings of(@JsonProperty("name") String name, @JsonProperty("address") String address,
                           @JsonProperty("heartbeat-seconds") Integer heartbeatSeconds,
                           @JsonProperty("dead-after-seconds") Integer deadAfterSeconds,
                           @JsonProperty("grace-seconds") Integer graceSeconds) {
        return new NodeSettings(name == null ? hostName() : name,
                address == null || address.isBlank() ? Optional.empty() : Optional.of(ListenAddress.parse(address)),
                heartbeatSeconds == null ? 1 : heartbeatSeconds, deadAfterSeconds == null ? 5 : deadAfterSeconds,
                graceSeconds == null ? 3600 : graceSeconds);
    }

    /** The kernel's host name, without asking DNS (start-up never waits on it); characters a name refuses dropped. */
    private static String hostName() {
        try {
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().replaceAll("[^A-Za-z0-9._-]",
                    "");
            return host.isEmpty() ? "local" : host.substring(0, Math.min(63, host.length()));
        } catch (IOException e) {
            return "local";
        }
    }
}
