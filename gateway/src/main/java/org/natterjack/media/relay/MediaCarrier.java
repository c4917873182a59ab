package org.natterjack.media.relay;

/**
 * Where the relay sends a carried party's media instead of out of its relay socket: a plug-in that carries the
 * party's packets itself (a tunnel session). Called on the relay's packet thread: it must not block.
 */
public interface MediaCarrier {

    /** One packet for the party. */
    void send(byte[] packet, boolean rtcp);

    /** The call's relay session closed: nothing more is sent, and what the carrier hands in is ignored. */
    void ended();
}
