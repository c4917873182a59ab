package org.natterjack.net;

import java.net.InetSocketAddress;

/**
 * Sees every SIP message the transport receives or sends, as the octets on the wire. Called on the transport's
 * threads: it must not block.
 */
public interface MessageTap {

    MessageTap NONE = (sent, transport, local, remote, octets) -> { };

    /**
     * @param sent true for a message we sent, false for one we received
     * @param octets the whole message; not changed afterwards, and not to be changed
     */
    void tapped(boolean sent, Transport transport, InetSocketAddress local, InetSocketAddress remote, byte[] octets);

    /** This tap, then {@code next}. */
    default MessageTap and(MessageTap next) {
        return (sent, transport, local, remote, octets) -> {
            tapped(sent, transport, local, remote, octets);
            next.tapped(sent, transport, local, remote, octets);
        };
    }
}
