package org.natterjack.media.sdp;

/** What {@link SdpRewriter} does with one media description. */
public sealed interface StreamRewrite {

    /** Point the stream at the relay: RTP on {@code rtpPort}, RTCP on {@code rtcpPort}. */
    record Relay(int rtpPort, int rtcpPort) implements StreamRewrite {
        public Relay {
            if (rtpPort < 1 || rtpPort > 65535 || rtcpPort < 1 || rtcpPort > 65535) {
                throw new IllegalArgumentException("relay ports must be 1-65535");
            }
        }
    }

    /** Leave the port as it is (a disabled stream, port 0, stays disabled). */
    record Keep() implements StreamRewrite {
    }

    /** Disable the stream (port 0): the relay cannot carry it (TCP-based media). */
    record Disable() implements StreamRewrite {
    }
}
