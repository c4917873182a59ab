package org.natterjack.network.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Network page shows ({@code GET /api/v1/network}).
 *
 * @param enabled false where the plug-in is idle (not an appliance): nothing can be applied
 * @param idleReason why it is idle; empty where enabled
 * @param settings the stored settings, in effect at every boot (DHCP everywhere when none are stored)
 * @param links the host's links and their addresses now, as Java sees them (loopback left out)
 * @param pending a change applied and waiting for confirmation
 * @param lastOutcome how the last change ended ("confirmed at ...", "reverted at ...: not confirmed within
 *     120 s"); empty before the first one
 * @param confirmSeconds how long an applied change waits for confirmation before it is reverted
 */
public record NetworkStatus(boolean enabled, String idleReason, NetworkConfig settings, List<Link> links,
                            Optional<Pending> pending, Optional<String> lastOutcome, long confirmSeconds) {

    /**
     * @param name the interface name ({@code enp1s0})
     * @param up whether it is up
     * @param addresses its addresses with prefix length ({@code 192.0.2.10/24}, {@code fe80::1/64})
     */
    public record Link(String name, boolean up, List<String> addresses) {
    }

    /**
     * @param settings the candidate, in effect now if the root side applied it
     * @param appliedAt when it was applied
     * @param deadline when it is reverted without confirmation
     * @param secondsLeft seconds until the deadline (0 at or after it)
     * @param confirmAt for a static candidate, the addresses a confirmation must come in on (loopback is
     *     accepted too); empty for DHCP, whose address is not known beforehand
     */
    public record Pending(NetworkConfig settings, Instant appliedAt, Instant deadline, long secondsLeft,
                          List<String> confirmAt) {
    }
}
