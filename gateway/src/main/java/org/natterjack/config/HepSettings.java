package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * A Homer server ({@code capture.hep}): where captured SIP messages go as HEPv3 packets.
 *
 * @param address the collector's IP:PORT; empty: no copy is sent
 * @param transport {@code udp} or {@code tcp}
 * @param agentId the capture agent id Homer shows for this gateway
 * @param password the collector's capture password, if it wants one
 */
public record HepSettings(Optional<ListenAddress> address, String transport, int agentId, Optional<String> password) {

    public HepSettings {
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("capture.hep.transport must be udp or tcp");
        }
        if (agentId < 0) {
            throw new IllegalArgumentException("capture.hep.agent-id must not be negative");
        }
    }

    public static HepSettings defaults() {
        return of(null, null, null, null);
    }

    @JsonCreator
    static HepSettings of(@JsonProperty("address") String address, @JsonProperty("transport") String transport,
                          @JsonProperty("agent-id") Integer agentId, @JsonProperty("password") String password) {
        return new HepSettings(address == null || address.isBlank() ? Optional.empty()
                : Optional.of(ListenAddress.parse(address)),
                transport == null ? "udp" : transport.toLowerCase(Locale.ROOT), agentId == null ? 2001 : agentId,
                Optional.ofNullable(password).filter(p -> !p.isEmpty()));
    }
}
