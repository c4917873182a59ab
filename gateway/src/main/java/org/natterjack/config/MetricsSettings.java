package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Metrics ({@code metrics} in the configuration file, fixed at start): whether the gateway keeps them, and a
 * plain-HTTP listener for a Prometheus scraper on a management network. The web admin serves them as well, at
 * {@code /metrics}, to an API token with the monitor role.
 *
 * @param enabled false: no meters are kept (the cost of keeping them, measured, is in bench/proxy)
 * @param listen where {@code GET /metrics} answers without authentication; empty: nowhere but the web admin
 */
public record MetricsSettings(boolean enabled, Optional<ListenAddress> listen) {

    public static MetricsSettings defaults() {
        return of(null, null);
    }

    @JsonCreator
    static MetricsSettings of(@JsonProperty("enabled") Boolean enabled, @JsonProperty("listen") String listen) {
        return new MetricsSettings(enabled == null || enabled,
                listen == null || listen.isBlank() ? Optional.empty() : Optional.of(ListenAddress.parse(listen)));
    }
}
