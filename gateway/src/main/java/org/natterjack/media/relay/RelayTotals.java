package org.natterjack.media.relay;

import org.natterjack.metrics.RelayMeters;

/**
 * Packets the relay forwarded and dropped since start, over every call.
 *
 * @param droppedForeign from a source other than the latched or expected one (the hijack guard), or for a party
 *     whose media a tunnel carries
 * @param droppedInvalid neither RTP nor RTCP
 * @param droppedNoDestination for a party with no address yet (not latched, none signalled) or on hold
 * @param sendFailures the socket refused to send
 */
public record RelayTotals(long forwardedPackets, long forwardedBytes, long droppedForeign, long droppedInvalid,
                          long droppedNoDestination, long sendFailures) implements RelayMeters.Totals {

    RelayTotals plus(RelayTotals o) {
        return new RelayTotals(forwardedPackets + o.forwardedPackets, forwardedBytes + o.forwardedBytes,
                droppedForeign + o.droppedForeign, droppedInvalid + o.droppedInvalid,
                droppedNoDestination + o.droppedNoDestination, sendFailures + o.sendFailures);
    }
}
