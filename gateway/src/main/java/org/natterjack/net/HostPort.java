package org.natterjack.net;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A host and port as a client wrote them in a Via or Contact. The host may be a name; only IP literals
 * are turned into addresses (never a DNS lookup on the signalling path).
 *
 * @param host as written, IPv6 without brackets
 * @param port the port, or the transport's default when the client left it out
 */
public record HostPort(String host, int port) {

    public HostPort {
        host = IpLiteral.stripBrackets(host);
    }

    public Optional<InetAddress> address() {
        return IpLiteral.parse(host);
    }

    /** True when the host is an IP literal equal to {@code other}; a host name never matches. */
    public boolean sameAddress(InetAddress other) {
        return address().map(other::equals).orElse(false);
    }
}
