package org.natterjack.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SIP messages as they arrive, before any check: {@code natterjack_sip_requests_received_total{method}} (the
 * methods of RFC 3261 and its common extensions; anything else counts as {@code other}, so a hostile method
 * name cannot add series) and {@code natterjack_sip_responses_received_total{class="1xx".."6xx"}}; and
 * {@code natterjack_sip_flood_dropped_total}, requests dropped from a source past {@code sip.source-rate-limit}.
 */
public final class SipMeters {

    private static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS",
            "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    private final Map<String, Counter> requests = new HashMap<>();
    private final Counter otherRequests;
    private final Counter[] responses = new Counter[7];
    private final Counter floodDropped;

    public SipMeters(MeterRegistry registry) {
        for (String method : METHODS) {
            requests.put(method, request(registry, method));
        }
        otherRequests = request(registry, "other");
        for (int c = 1; c <= 6; c++) {
            responses[c] = Counter.builder("natterjack.sip.responses.received")
                    .description("SIP responses received, by class").tag("class", c + "xx").register(registry);
        }
        floodDropped = Counter.builder("natterjack.sip.flood.dropped")
                .description("Requests dropped because their source sent more than sip.source-rate-limit a second")
                .register(registry);
    }

    private static Counter request(MeterRegistry registry, String method) {
        return Counter.builder("natterjack.sip.requests.received").description("SIP requests received, by method")
                .tag("method", method).register(registry);
    }

    public void requestReceived(String method) {
        requests.getOrDefault(method, otherRequests).increment();
    }

    public void responseReceived(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 6) {
            responses[c].increment();
        }
    }

    public void floodDropped() {
        floodDropped.increment();
    }
}
