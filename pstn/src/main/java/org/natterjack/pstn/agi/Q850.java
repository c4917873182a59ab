package org.natterjack.pstn.agi;

import java.util.Map;

/**
 * The Q.850 cause a SIP status becomes on the telephone network, as RFC 3398 section 8.2.6.1 maps them, so
 * that a {@code reject:CODE} route refuses a PSTN call the way the caller's exchange understands.
 */
public final class Q850 {

    public static final int UNALLOCATED_NUMBER = 1;
    /**
     * No circuit/channel available: this route is congested now. The network may try another route or trunk
     * group for the call (41, temporary failure, invites a retry on the same route), and it is what 503 (the
     * proxy's answer while draining) becomes in RFC 3398's mapping back.
     */
    public static final int NO_CIRCUIT_AVAILABLE = 34;

    private static final Map<Integer, Integer> BY_STATUS = Map.ofEntries(
            Map.entry(400, 41), Map.entry(401, 21), Map.entry(402, 21), Map.entry(403, 21), Map.entry(404, 1),
            Map.entry(405, 63), Map.entry(406, 79), Map.entry(407, 21), Map.entry(408, 102), Map.entry(410, 22),
            Map.entry(413, 127), Map.entry(414, 127), Map.entry(415, 79), Map.entry(416, 127), Map.entry(420, 127),
            Map.entry(480, 18), Map.entry(481, 127), Map.entry(482, 127), Map.entry(483, 127), Map.entry(484, 28),
            Map.entry(485, 1), Map.entry(486, 17), Map.entry(488, 127), Map.entry(500, 41), Map.entry(501, 79),
            Map.entry(502, 38), Map.entry(503, 41), Map.entry(504, 102), Map.entry(505, 127), Map.entry(513, 127),
            Map.entry(600, 17), Map.entry(603, 21), Map.entry(604, 1), Map.entry(606, 58));

    private Q850() {
    }

    /** The cause for SIP status {@code status}; 31 (normal, unspecified) for statuses RFC 3398 leaves out. */
    public static int ofSipStatus(int status) {
        return BY_STATUS.getOrDefault(status, 31);
    }
}
