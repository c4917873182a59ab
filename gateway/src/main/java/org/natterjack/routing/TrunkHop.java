package org.natterjack.routing;

/** A {@link TrunkResolver}'s answer for one call. */
public sealed interface TrunkHop {

    /**
     * Forward the request to {@code host:port} over {@code transport} ({@code udp} or {@code tcp}), with
     * {@code user} as the Request-URI's user part (it may tell the far side which trunk to take).
     */
    record Available(String host, int port, String transport, String user) implements TrunkHop {
    }

    /** The trunk cannot take calls now; {@code reason} goes to the caller in the 503's reason phrase. */
    record Unavailable(String reason) implements TrunkHop {
    }
}
