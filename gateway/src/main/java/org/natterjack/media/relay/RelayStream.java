package org.natterjack.media.relay;

import org.natterjack.media.sdp.MediaLine;

/**
 * One anchored media stream ({@code m=} line {@code index}): the relay sockets facing the caller and those
 * facing the callee. Packets from one leg's party go out of the other leg. Mutable state is confined to the
 * session's engine thread.
 */
final class RelayStream {

    final String callId;
    final int index;
    final Leg caller;
    final Leg callee;
    final long relatchMillis;

    String media;
    PacketKind kind;
    boolean clearRtcp;
    int clockRate;
    /** RTCP shares the RTP port: offered, and (once answered) accepted. */
    boolean mux;
    boolean offeredMux;

    RelayStream(String callId, int index, Leg caller, Leg callee, MediaLine mline, long relatchMillis) {
        this.callId = callId;
        this.index = index;
        this.caller = caller;
        this.callee = callee;
        this.relatchMillis = relatchMillis;
        describe(mline, 0);
        caller.attach(this, callee);
        callee.attach(this, caller);
    }

    /** Takes what the latest m= line says about the media (a re-offer may change it). */
    void describe(MediaLine mline, int rate) {
        media = mline.media();
        kind = PacketKind.of(mline);
        clearRtcp = mline.hasClearRtcp();
        clockRate = rate;
    }

    Leg leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    StreamStats stats() {
        return new StreamStats(index, media, mux, caller.stats(), callee.stats());
    }
}
