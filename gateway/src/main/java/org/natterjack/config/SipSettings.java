package org.natterjack.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.natterjack.net.IpLiteral;

/**
 * SIP transport settings, fixed at start.
 *
 * @param listen where to listen (UDP and TCP on each)
 * @param domains local domains given by the operator; empty means "derive them" (see {@link LocalDomains})
 * @param advertise the address put in our Via/Contact when listening on a wildcard address; empty means the
 *     address of the default route
 * @param maxMessageBytes larger requests are answered 513
 * @param maxHeaders requests with more header fields are answered 400
 * @param sourceRateLimit requests per second one source address may send before it is cut off (0: no limit;
 *     trusted peers are exempt)
 * @param overloadQueueDelayMs when received datagrams have waited longer than this to be processed for twice
 *     as long on end, new calls are refused with 503 (0: never); see {@code sip.transport.OverloadValve}
 */
public record SipSettings(List<ListenAddress> listen, List<String> domains, Optional<InetAddress> advertise,
                          int maxMessageBytes, int maxHeaders, int sourceRateLimit,
                          int overloadQueueDelayMs) {

    public static final ListenAddress DEFAULT_LISTEN = ListenAddress.parse("0.0.0.0:5060");

    /**
     * A call passes the receive queue several times (INVITE, 200, ACK, BYE, 200) and peers retransmit after T1
     * (500 ms): at 300 ms per pass, bench/proxy still drowned in retransmissions. The limit must hold for twice
     * as long before calls are refused, which a burst left by a garbage collection pause does not. At 100 ms a
     * passing stall at 1,500 calls/s, a rate carried cleanly without the control, refused 2.6 % of the calls;
     * at 200 ms that rate passed and 2,000 calls/s, the gateway's edge, was still shed (bench/proxy session 10).
     */
    static final int DEFAULT_OVERLOAD_QUEUE_DELAY_MS = 200;

    public SipSettings {
        listen = List.copyOf(listen);
        domains = domains.stream().map(d -> d.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("sip.listen: at least one HOST:PORT is needed");
        }
        if (listen.stream().distinct().count() != listen.size()) {
            throw new IllegalArgumentException("sip.listen: an address is listed twice");
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > 65535) {
            throw new IllegalArgumentException("sip.max-message-bytes must be between 1024 and 65535");
        }
        if (maxHeaders < 10 || maxHeaders > 1000) {
            throw new IllegalArgumentException("sip.max-headers must be between 10 and 1000");
        }
        if (sourceRateLimit < 0) {
            throw new IllegalArgumentException("sip.source-rate-limit must be 0 (off) or positive");
        }
        if (overloadQueueDelayMs != 0 && (overloadQueueDelayMs < 50 || overloadQueueDelayMs > 10_000)) {
            throw new IllegalArgumentException("sip.overload-queue-delay-ms must be 0 (off) or between 50 and 10000");
        }
    }

    public static SipSettings defaults() {
        return of(null, null, null, null, null, null, null);
    }

    @JsonCreator
    static SipSettings of(@JsonProperty("listen") List<ListenAddress> listen,
                          @JsonProperty("domains") List<String> domains,
                          @JsonProperty("advertise") String advertise,
                          @JsonProperty("max-message-bytes") Integer maxMessageBytes,
                          @JsonProperty("max-headers") Integer maxHeaders,
                          @JsonProperty("source-rate-limit") Integer sourceRateLimit,
                          @JsonProperty("overload-queue-delay-ms") Integer overloadQueueDelayMs) {
        return new SipSettings(
                listen == null ? List.of(DEFAULT_LISTEN) : listen,
                domains == null ? List.of() : domains,
                Optional.ofNullable(advertise).map(SipSettings::advertisedAddress),
                maxMessageBytes == null ? 16384 : maxMessageBytes,
                maxHeaders == null ? 100 : maxHeaders,
                sourceRateLimit == null ? 200 : sourceRateLimit,
                overloadQueueDelayMs == null ? DEFAULT_OVERLOAD_QUEUE_DELAY_MS : overloadQueueDelayMs);
    }

    public SipSettings withListen(List<ListenAddress> newListen) {
        return new SipSettings(newListen, domains, advertise, maxMessageBytes, maxHeaders, sourceRateLimit,
                overloadQueueDelayMs);
    }

    public SipSettings withDomains(List<String> newDomains) {
        return new SipSettings(listen, newDomains, advertise, maxMessageBytes, maxHeaders, sourceRateLimit,
                overloadQueueDelayMs);
    }

    private static InetAddress advertisedAddress(String text) {
        return IpLiteral.parseHost(text).orElseThrow(() ->
                new IllegalArgumentException("sip.advertise must be an IP address, not '" + text + "'"));
    }
}
