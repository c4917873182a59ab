package org.natterjack.media.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Counters of the relay sockets facing one party of one stream. "In" is what the party sent to the relay,
 * "out" what the relay sent to the party.
 *
 * @param side the party
 * @param local the advertised relay address and RTP port the party sends to
 * @param latched the party's media source the relay latched to (RTP), if any yet
 * @param droppedForeign packets from sources other than the latched one (or not expected), dropped
 * @param droppedInvalid packets that are not RTP/RTCP (or DTLS where negotiated), dropped
 * @param droppedNoDestination packets from the other party the relay had nowhere to send to yet (the party
 *     has neither sent anything nor signalled a usable address, or is on hold)
 * @param sendFailures packets the kernel refused (buffer full, unreachable)
 * @param latchEvents how often the RTP or RTCP source was (re-)latched
 * @param rtp the party's RTP as the relay received it: loss and jitter on the way from the party
 * @param report the last RTCP report the party sent, if it sent readable RTCP
 */
public record LegStats(Side side, InetSocketAddress local, Optional<InetSocketAddress> latched,
                       long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                       long droppedForeign, long droppedInvalid, long droppedNoDestination, long sendFailures,
                       long latchEvents, Reception rtp, Optional<RtcpReport> report) {
}
