package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the gateway keeps NAT bindings of its clients open.
 *
 * @param refreshSeconds the longest registration granted to a client behind NAT, so that it re-registers
 *     through the same NAT binding before the NAT forgets it
 * @param keepaliveSeconds interval of keepalives (OPTIONS over UDP, CRLFCRLF over TCP) to NATed bindings;
 *     0 turns keepalives off
 * @param keepaliveFailures consecutive unanswered keepalives after which a binding is dropped
 * @param rewriteContact rewrite the Contact of requests and responses from parties behind NAT to the
 *     address the packets came from (Kamailio's {@code fix_nated_contact}), for user agents that ignore
 *     Record-Route; off by default, since flow tokens in Record-Route reach every conforming agent
 */
public record NatSettings(int refreshSeconds, int keepaliveSeconds, int keepaliveFailures, boolean rewriteContact) {

    public NatSettings {
        if (refreshSeconds < 1) {
            throw new IllegalArgumentException("nat.refresh-seconds must be at least 1");
        }
        if (keepaliveSeconds < 0) {
            throw new IllegalArgumentException("nat.keepalive-seconds must be 0 (off) or positive");
        }
        if (keepaliveFailures < 1) {
            throw new IllegalArgumentException("nat.keepalive-failures must be at least 1");
        }
    }

    public static NatSettings defaults() {
        return of(null, null, null, null);
    }

    @JsonCreator
    static NatSettings of(@JsonProperty("refresh-seconds") Integer refreshSeconds,
                          @JsonProperty("keepalive-seconds") Integer keepaliveSeconds,
                          @JsonProperty("keepalive-failures") Integer keepaliveFailures,
                          @JsonProperty("rewrite-contact") Boolean rewriteContact) {
        return new NatSettings(
                refreshSeconds == null ? 60 : refreshSeconds,
                keepaliveSeconds == null ? 20 : keepaliveSeconds,
                keepaliveFailures == null ? 3 : keepaliveFailures,
                rewriteContact != null && rewriteContact);
    }
}
