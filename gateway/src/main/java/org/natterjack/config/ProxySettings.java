package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.util.List;

/**
 * Stateful proxy settings.
 *
 * @param timerCSeconds how long an INVITE branch may ring before the proxy cancels it and answers 408
 *     (RFC 3261 timer C; more than 180 s says the RFC, shorter is allowed for an appliance's "no answer")
 * @param failoverSeconds how long a next hop may stay silent (not even 100 Trying) before the next route of
 *     a failover rule is tried
 * @param trustedPeers sources that may send any request without authentication (peer proxies, the PBX,
 *     Asterisk on loopback); everyone else claiming to be a local user must authenticate
 */
public record ProxySettings(int timerCSeconds, int failoverSeconds, List<Cidr> trustedPeers) {

    public ProxySettings {
        if (timerCSeconds < 1) {
            throw new IllegalArgumentException("proxy.timer-c-seconds must be at least 1");
        }
        if (failoverSeconds < 1) {
            throw new IllegalArgumentException("proxy.failover-seconds must be at least 1");
        }
        trustedPeers = List.copyOf(trustedPeers);
    }

    public boolean isTrusted(InetAddress source) {
        return trustedPeers.stream().anyMatch(c -> c.contains(source));
    }

    public static ProxySettings defaults() {
        return of(null, null, null);
    }

    @JsonCreator
    static ProxySettings of(@JsonProperty("timer-c-seconds") Integer timerCSeconds,
                            @JsonProperty("failover-seconds") Integer failoverSeconds,
                            @JsonProperty("trusted-peers") List<Cidr> trustedPeers) {
        return new ProxySettings(timerCSeconds == null ? 180 : timerCSeconds,
                failoverSeconds == null ? 3 : failoverSeconds,
                trustedPeers == null ? List.of() : trustedPeers);
    }
}
