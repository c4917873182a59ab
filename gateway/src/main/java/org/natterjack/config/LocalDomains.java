package org.natterjack.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.natterjack.net.IpLiteral;

/**
 * The domains (host parts of request URIs) that this gateway serves.
 *
 * <p>Names compare case-insensitively; IP literals compare by address, with or without IPv6 brackets.
 */
public final class LocalDomains {

    private final Set<String> names;

    private LocalDomains(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * The operator's domains plus {@code localhost} and every address the gateway listens on (all interface
     * addresses for a wildcard listen address): a request addressed to one of our addresses is for us, like
     * Kamailio's "myself".
     */
    public static LocalDomains of(SipSettings sip) {
        Set<String> names = new LinkedHashSet<>();
        sip.domains().forEach(d -> names.add(normalize(d)));
        names.add("localhost");
        for (ListenAddress listen : sip.listen()) {
            if (listen.isWildcard()) {
                interfaceAddresses().forEach(a -> names.add(normalize(a.getHostAddress())));
            } else {
                names.add(normalize(listen.address().getHostAddress()));
            }
        }
        sip.advertise().ifPresent(a -> names.add(normalize(a.getHostAddress())));
        return new LocalDomains(names);
    }

    public static LocalDomains of(List<String> domains) {
        Set<String> names = new LinkedHashSet<>();
        domains.forEach(d -> names.add(normalize(d)));
        return new LocalDomains(names);
    }

    public boolean contains(String host) {
        return host != null && names.contains(normalize(host));
    }

    public Set<String> names() {
        return names;
    }

    private static String normalize(String host) {
        String h = IpLiteral.stripBrackets(host.trim()).toLowerCase(Locale.ROOT);
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        if (h.contains(":")) {
            try {
                // One spelling per IPv6 address: "::1" and "0:0:0:0:0:0:0:1" are the same domain.
                String canonical = InetAddress.getByName(h).getHostAddress();
                int s = canonical.indexOf('%');
                return s >= 0 ? canonical.substring(0, s) : canonical;
            } catch (java.net.UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
