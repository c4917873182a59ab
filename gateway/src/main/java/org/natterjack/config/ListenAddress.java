package org.natterjack.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import com.fasterxml.jackson.annotation.JsonCreator;
import org.natterjack.net.IpLiteral;

/**
 * An address and port the gateway listens on for SIP (both UDP and TCP).
 *
 * <p>Written as {@code HOST:PORT}; IPv6 literals in brackets ({@code [::1]:5060}).
 */
public record ListenAddress(InetAddress address, int port) {

    public ListenAddress {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /** Parses {@code HOST:PORT}; the host must be an IP literal so that start-up never waits on DNS. */
    @JsonCreator
    public static ListenAddress parse(String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:5060");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port is not a number");
        }
        InetAddress address = IpLiteral.parseHost(host)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "': host must be an IP address"));
        return new ListenAddress(address, port);
    }

    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        return IpLiteral.uriHost(address) + ":" + port;
    }
}
