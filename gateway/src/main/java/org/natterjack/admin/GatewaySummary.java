package org.natterjack.admin;

import java.time.Duration;
import java.util.List;

/**
 * The gateway at a glance.
 *
 * @param registrations bindings held by the registrar
 * @param relaySessions open relay sessions (anchored calls)
 */
public record GatewaySummary(String version, Duration uptime, int registrations, int relaySessions,
                             long relayPacketsPerSecond, long relayBitsPerSecond, List<RelayPorts> relayPorts,
                             long callsRefusedOverloaded) {

    public GatewaySummary {
        relayPorts = List.copyOf(relayPorts);
    }

    /** Port pairs of one relay interface. */
    public record RelayPorts(String bind, String advertised, int pairsFree, int pairsTotal) {
    }
}
