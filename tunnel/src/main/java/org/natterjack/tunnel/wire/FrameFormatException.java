package org.natterjack.tunnel.wire;

/** A frame or control message that breaks docs/tunnel.md: the connection that sent it is closed. */
public final class FrameFormatException extends RuntimeException {

    public FrameFormatException(String message) {
        super(message);
    }
}
