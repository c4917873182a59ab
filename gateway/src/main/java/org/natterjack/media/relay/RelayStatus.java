package org.natterjack.media.relay;

import java.util.List;
import org.natterjack.metrics.RelayMeters;

/**
 * The relay at a glance, for the status interface.
 *
 * @param sessions open sessions
 * @param packetsPerSecond datagrams received per second over the last seconds, all engines
 * @param bitsPerSecond the same in bits (UDP payload)
 */
public record RelayStatus(int sessions, List<InterfaceStatus> interfaces, long packetsPerSecond,
                          long bitsPerSecond) {

    public RelayStatus {
        interfaces = List.copyOf(interfaces);
    }

    /** Port usage of one interface, in even/odd pairs. */
    public record InterfaceStatus(String bind, String advertised, int pairsFree, int pairsTotal)
            implements RelayMeters.Ports {
    }
}
