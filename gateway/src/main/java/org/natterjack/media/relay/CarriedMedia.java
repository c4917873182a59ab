package org.natterjack.media.relay;

/** The relay's end of one carried stream (see {@link MediaCarriers}). */
public interface CarriedMedia {

    /** One packet from the party, from any thread; checked and forwarded like one from its socket. */
    void receive(byte[] packet, boolean rtcp);

    /** Stops carrying: the stream's relay socket faces the party again. */
    void release();
}
