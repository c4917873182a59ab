package org.natterjack.media.relay;

/**
 * One relayed media stream ({@code m=} line {@code index}).
 *
 * @param rtcpMux RTCP currently shares the RTP port (offered, and answered if an answer came)
 */
public record StreamStats(int index, String media, boolean rtcpMux, LegStats caller, LegStats callee) {

    public LegStats leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }
}
