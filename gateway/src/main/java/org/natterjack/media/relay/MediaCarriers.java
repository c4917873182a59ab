package org.natterjack.media.relay;

import java.util.Optional;

/**
 * Lets a plug-in carry a party's media itself instead of the relay socket facing that party: a tunnel session
 * attaches the streams of calls signalled over its own flow. While a stream is carried, its relay sockets take
 * nothing from the network on that party's side, so the stream cannot be hijacked from outside.
 */
public interface MediaCarriers {

    /**
     * Carries the media of the party on {@code side} of call {@code callId}, on the stream whose relay RTP port
     * facing that party is {@code relayRtpPort} (the port the relay wrote into the SDP that party received).
     *
     * @return empty when the call has no such stream (its media is not anchored, or the port is another's)
     */
    Optional<CarriedMedia> carry(String callId, Side side, int relayRtpPort, MediaCarrier carrier);
}
