package org.natterjack.net;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Where a message came from as the network showed it, and so how the party can be reached again (RFC 5626
 * calls this a flow). This is what the gateway trusts to reach a client behind NAT, as opposed to what the
 * client claimed in its Via and Contact.
 *
 * <p>The variants say how the party is reached. Each has a text form ({@link #encode()}, {@link #decode}) that
 * starts with its kind, so the store keeps flows of kinds added later without a schema change.
 */
public sealed interface Flow permits Flow.Datagram, Flow.Connection {

    /** The transport the message arrived over. */
    Transport transport();

    /** The listening socket that received it (may be a wildcard address). */
    InetSocketAddress local();

    /** The packet's source address and port: the NAT's public side, for a client behind NAT. */
    InetSocketAddress remote();

    /** The text form, e.g. {@code udp 203.0.113.5:40000 192.0.2.1:5060} (kind, remote, local). */
    default String encode() {
        return transport().sipName() + ' ' + text(remote()) + ' ' + text(local());
    }

    /** A flow of whichever kind the transport makes. */
    static Flow of(Transport transport, InetSocketAddress local, InetSocketAddress remote) {
        return transport == Transport.UDP ? new Datagram(local, remote) : new Connection(transport, local, remote);
    }

    /**
     * Reads {@link #encode()}'s text form.
     *
     * @throws IllegalArgumentException for a kind this release does not know (a newer one may have written it)
     *     or a malformed address
     */
    static Flow decode(String text) {
        String[] parts = text.trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a flow: '" + text + "'");
        }
        Transport transport;
        try {
            transport = Transport.of(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind of flow '" + parts[0].toLowerCase(Locale.ROOT) + "'");
        }
        return of(transport, socketAddress(parts[2]), socketAddress(parts[1]));
    }

    /** A UDP source on one of our sockets: reached by sending from that socket to that source. */
    record Datagram(InetSocketAddress local, InetSocketAddress remote) implements Flow {

        public Datagram {
            requireAddresses(local, remote);
        }

        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /** A TCP or TLS connection the party opened: reached only over that connection while it lasts. */
    record Connection(Transport transport, InetSocketAddress local, InetSocketAddress remote) implements Flow {

        public Connection {
            if (transport == null || !transport.isConnectionOriented()) {
                throw new IllegalArgumentException("a connection flow needs TCP or TLS, not " + transport);
            }
            requireAddresses(local, remote);
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    private static void requireAddresses(InetSocketAddress local, InetSocketAddress remote) {
        if (local == null || remote == null || local.getAddress() == null || remote.getAddress() == null) {
            throw new IllegalArgumentException("a flow needs resolved local and remote addresses");
        }
    }

    private static String describe(Flow flow) {
        return flow.transport().sipName() + ":" + flow.remote().getAddress().getHostAddress() + ":"
                + flow.remote().getPort() + "->" + flow.local().getAddress().getHostAddress() + ":"
                + flow.local().getPort();
    }

    private static String text(InetSocketAddress address) {
        return IpLiteral.uriHost(address.getAddress()) + ':' + address.getPort();
    }

    private static InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an address and port: '" + text + "'");
        }
        var address = IpLiteral.parseHost(text.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + text + "'"));
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: '" + text + "'");
        }
        return new InetSocketAddress(address, port);
    }
}
