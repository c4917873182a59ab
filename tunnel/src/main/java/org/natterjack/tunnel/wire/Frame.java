package org.natterjack.tunnel.wire;

import java.util.Arrays;

/**
 * One tunnel frame, carried as one WebSocket binary message: a four-octet header (type, flags, channel in network
 * order) and the payload (docs/tunnel.md).
 *
 * @param type what the payload is
 * @param flags reserved: sent as 0, ignored on receipt
 * @param channel the media channel (1-65535) of an RTP or RTCP frame; 0 for control and SIP
 * @param payload a control message, one whole SIP message, or one RTP or RTCP packet
 */
public record Frame(FrameType type, int flags, int channel, byte[] payload) {

    public static final int HEADER_BYTES = 4;
    /** The largest payload: a SIP message as large as the gateway takes, or any datagram. */
    public static final int MAX_PAYLOAD_BYTES = 65535;

    public Frame {
        if (flags < 0 || flags > 0xff || channel < 0 || channel > 0xffff) {
            throw new FrameFormatException("flags or channel out of range");
        }
        if (type.isMedia() == (channel == 0)) {
            throw new FrameFormatException(type.isMedia() ? "a media frame needs a channel" : type
                    + " frames have channel 0, not " + channel);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new FrameFormatException("payload of " + payload.length + " octets is over the limit");
        }
    }

    public static Frame control(byte[] payload) {
        return new Frame(FrameType.CONTROL, 0, 0, payload);
    }

    public static Frame sip(byte[] message) {
        return new Frame(FrameType.SIP, 0, 0, message);
    }

    public static Frame media(FrameType type, int channel, byte[] packet) {
        return new Frame(type, 0, channel, packet);
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = (byte) type.code();
        out[1] = (byte) flags;
        out[2] = (byte) (channel >>> 8);
        out[3] = (byte) channel;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /**
     * Reads one frame from a whole binary message.
     *
     * @throws FrameFormatException if it is shorter than a header, of an unknown type, or breaks a channel rule
     */
    public static Frame decode(byte[] message) {
        if (message.length < HEADER_BYTES) {
            throw new FrameFormatException("a frame of " + message.length + " octets has no header");
        }
        FrameType type = FrameType.of(message[0] & 0xff);
        int channel = (message[2] & 0xff) << 8 | message[3] & 0xff;
        return new Frame(type, message[1] & 0xff, channel, Arrays.copyOfRange(message, HEADER_BYTES, message.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.type == type && f.flags == flags && f.channel == channel
                && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + channel) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return type + (channel == 0 ? "" : "#" + channel) + " (" + payload.length + " octets)";
    }
}
