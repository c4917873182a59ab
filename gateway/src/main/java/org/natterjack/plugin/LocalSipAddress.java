package org.natterjack.plugin;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;

/**
 * Where a peer on this host (Asterisk) reaches the gateway's SIP side: the first loopback or wildcard listen
 * address, a wildcard replaced by loopback of its family; without either, the first listen address.
 */
public final class LocalSipAddress {

    private LocalSipAddress() {
    }

    public static InetSocketAddress of(SipSettings sip) {
        ListenAddress first = sip.listen().stream()
                .filter(l -> l.address().isLoopbackAddress() || l.isWildcard()).findFirst()
                .orElse(sip.listen().get(0));
        if (!first.isWildcard()) {
            return first.socketAddress();
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(first.address() instanceof Inet6Address
                    ? "::1" : "127.0.0.1"), first.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a loopback literal did not parse", e);
        }
    }
}
