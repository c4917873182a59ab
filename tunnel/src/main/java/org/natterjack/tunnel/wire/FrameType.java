package org.natterjack.tunnel.wire;

/** What a frame carries; the code is the frame's first octet (docs/tunnel.md). */
public enum FrameType {
    CONTROL(0), SIP(1), RTP(2), RTCP(3);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Sending priority, highest first: control, SIP, RTCP, RTP. */
    public int priority() {
        return switch (this) {
            case CONTROL -> 0;
            case SIP -> 1;
            case RTCP -> 2;
            case RTP -> 3;
        };
    }

    public boolean isMedia() {
        return this == RTP || this == RTCP;
    }

    static FrameType of(int code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new FrameFormatException("unknown frame type " + code);
    }
}
