package org.natterjack.media.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import org.natterjack.media.sdp.Connection;

/**
 * A running relay interface: the local address its sockets bind to, kept apart from the address written
 * into SDP (the public address of a router forwarding the ports, or the same address), and its ports.
 */
public record RelayInterface(InetAddress bind, InetAddress advertised, PortPool pool) {

    public RelayInterface {
        if (advertised.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the advertised address must be concrete, not " + advertised);
        }
    }

    public ProtocolFamily family() {
        return bind instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    public boolean accepts(InetAddress address) {
        return (address instanceof Inet6Address) == (bind instanceof Inet6Address);
    }

    @Override
    public String toString() {
        return Connection.hostText(bind) + (bind.equals(advertised) ? "" : " (as " + Connection.hostText(advertised) + ")")
                + " " + pool;
    }
}
