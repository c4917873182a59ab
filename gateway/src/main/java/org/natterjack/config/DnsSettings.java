package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Routing to other SIP domains by DNS (RFC 3263: NAPTR, SRV, then A/AAAA).
 *
 * @param foreignDomains resolve and forward to {@code sip:} URIs outside our domains that no routing rule
 *     matched; off by default. Even when on, only authenticated local users and trusted peers get there:
 *     the gateway is never an open relay
 * @param servers the resolvers to ask ({@code HOST:PORT}); empty means those of {@code /etc/resolv.conf}
 * @param timeoutMillis how long one DNS query may take before the resolver gives up
 */
public record DnsSettings(boolean foreignDomains, List<InetSocketAddress> servers, int timeoutMillis) {

    public DnsSettings {
        servers = List.copyOf(servers);
        if (timeoutMillis < 100 || timeoutMillis > 30_000) {
            throw new IllegalArgumentException("dns.timeout-ms must be between 100 and 30000");
        }
    }

    public static DnsSettings defaults() {
        return of(null, null, null);
    }

    @JsonCreator
    static DnsSettings of(@JsonProperty("foreign-domains") Boolean foreignDomains,
                          @JsonProperty("servers") List<String> servers,
                          @JsonProperty("timeout-ms") Integer timeoutMillis) {
        return new DnsSettings(foreignDomains != null && foreignDomains,
                servers == null ? List.of() : servers.stream().map(s -> ListenAddress.parse(s).socketAddress()).toList(),
                timeoutMillis == null ? 2000 : timeoutMillis);
    }
}
