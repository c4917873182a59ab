package org.natterjack.net;

import java.net.InetSocketAddress;

/**
 * Where a message came from as the network showed it: the packet's source and the local socket it arrived
 * at (RFC 5626 calls this a flow). For TCP and TLS the pair names the connection.
 *
 * <p>This is what the gateway trusts to reach a client behind NAT, as opposed to what the client claimed
 * in its Via and Contact.
 *
 * @param transport the transport the message arrived over
 * @param local the listening socket that received it (may be a wildcard address)
 * @param remote the packet's source address and port (the NAT's public side, for a NATed client)
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote) {

    public Flow {
        if (transport == null || local == null || remote == null) {
            throw new IllegalArgumentException("a flow needs transport, local and remote addresses");
        }
    }

    @Override
    public String toString() {
        return transport.sipName() + ":" + remote.getAddress().getHostAddress() + ":" + remote.getPort()
                + "->" + local.getAddress().getHostAddress() + ":" + local.getPort();
    }
}
