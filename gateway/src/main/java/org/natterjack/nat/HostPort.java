package org.natterjack.nat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.natterjack.config.IpLiterals;

/**
 * A host and port as a client wrote them in a Via or Contact. The host may be a name; only IP literals
 * are turned into addresses (never a DNS lookup on the signalling path).
 *
 * @param host as written, IPv6 without brackets
 * @param port the port, or the transport's default when the client left it out
 */
public record HostPort(String host, int port) {

    public HostPort {
        host = IpLiterals.stripBrackets(host);
    }

    public Optional<InetAddress> address() {
        if (!IpLiterals.isLiteral(host)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True when the host is an IP literal equal to {@code other}; a host name never matches. */
    public boolean sameAddress(InetAddress other) {
        return address().map(other::equals).orElse(false);
    }
}
