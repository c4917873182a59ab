package org.natterjack.tunnel.agent;

import java.net.InetSocketAddress;

/** How the agent reaches the local applications: over the TCP connection an application opened, or by UDP. */
interface Applications {

    /**
     * Sends one message to the application at {@code target}: over the TCP connection from that address, or the
     * one its contact is bound to, when {@code overTcp}; as a datagram otherwise.
     */
    void send(InetSocketAddress target, boolean overTcp, byte[] message);

    /** Requests to {@code contact} (a TCP application's registered contact) go over the connection from {@code source}. */
    void bindContact(InetSocketAddress contact, InetSocketAddress source);
}
