package org.natterjack.media.relay;

/** An RTP port (even) and its RTCP port (the next, odd one). */
public record PortPair(int rtp, int rtcp) {

    public PortPair {
        if ((rtp & 1) != 0 || rtcp != rtp + 1 || rtp < 2 || rtcp > 65535) {
            throw new IllegalArgumentException("not an even/odd port pair: " + rtp + "/" + rtcp);
        }
    }

    public static PortPair of(int rtp) {
        return new PortPair(rtp, rtp + 1);
    }
}
