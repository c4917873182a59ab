package org.natterjack.net;

import java.net.InetSocketAddress;

/**
 * SIP connections that a plug-in carries instead of a socket of the stack: a tunnel session hands over whole SIP
 * messages. To the SIP layer each is a connection flow like a client's TCP connection, so the registrar, the
 * proxy, flow tokens, keepalives and the drop of a dead flow's bindings work on it unchanged.
 */
public interface SipConnections {

    /**
     * Opens the connection of a peer whose carrier reached us from {@code remote} (its public address and port).
     *
     * @throws IllegalStateException if a connection from that address and port is open already (a TCP client
     *     of the SIP port on the same address and port): the carrier should refuse the session
     */
    Connection open(InetSocketAddress remote, Peer peer);

    /** Where the gateway's messages for a connection go. Called on SIP threads: it must not block. */
    interface Peer {

        /** One whole SIP message for the peer (or a CRLFCRLF keepalive). */
        void send(byte[] message);

        /** The gateway closed the connection (a newer flow replaced it): the carrier should end the session. */
        void closed();
    }

    /** One open connection. */
    interface Connection {

        Flow.Connection flow();

        /** One whole SIP message from the peer; one that does not parse is dropped, a bad request answered 400. */
        void receive(byte[] message);

        /**
         * The carrier lost its peer, which may come back: the flow's bindings are dropped at once (new calls take
         * the user's other bindings or home route), while the connection stays open for the requests of its
         * dialogs, which the carrier may hold until the peer returns.
         */
        void suspend();

        /** The carrier ended: the flow is dead, and its bindings are dropped at once. Idempotent. */
        void close();
    }
}
