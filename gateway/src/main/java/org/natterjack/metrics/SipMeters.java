package org.natterjack.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * SIP messages as they arrive, before any check: {@code natterjack_sip_requests_received_total{method}} (the
 * methods of RFC 3261 and its common extensions; anything else counts as {@code other}, so a hostile method
 * name cannot add series) and {@code natterjack_sip_responses_received_total{class="1xx".."6xx"}}; the same
 * for what the gateway sends ({@code ..._sent_total}, retransmissions included);
 * {@code natterjack_sip_parse_failures_total}, messages that could not be parsed; and
 * {@code natterjack_sip_flood_dropped_total}, requests dropped from a source past {@code sip.source-rate-limit}.
 */
public final class SipMeters {

    private static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS",
            "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    /** The counters of one direction. */
    private static final class Direction {
        private final Map<String, Counter> requests = new HashMap<>();
        private final Counter otherRequests;
        private final Counter[] responses = new Counter[7];

        Direction(MeterRegistry registry, String verb) {
            for (String method : METHODS) {
                requests.put(method, request(registry, verb, method));
            }
            otherRequests = request(registry, verb, "other");
            for (int c = 1; c <= 6; c++) {
                responses[c] = Counter.builder("natterjack.sip.responses." + verb)
                        .description("SIP responses " + verb + ", by class").tag("class", c + "xx")
                        .register(registry);
            }
        }

        private static Counter request(MeterRegistry registry, String verb, String method) {
            return Counter.builder("natterjack.sip.requests." + verb).description("SIP requests " + verb
                    + ", by method").tag("method", method).register(registry);
        }

        void request(String method) {
            requests.getOrDefault(method, otherRequests).increment();
        }

        void response(int status) {
            int c = status / 100;
            if (c >= 1 && c <= 6) {
                responses[c].increment();
            }
        }
    }

    private final Direction received;
    private final Direction sent;
    private final Counter floodDropped;

    /** @param parseFailures messages the transport could not parse, so far */
    public SipMeters(MeterRegistry registry, LongSupplier parseFailures) {
        received = new Direction(registry, "received");
        sent = new Direction(registry, "sent");
        floodDropped = Counter.builder("natterjack.sip.flood.dropped")
                .description("Requests dropped because their source sent more than sip.source-rate-limit a second")
                .register(registry);
        FunctionCounter.builder("natterjack.sip.parse.failures", parseFailures, LongSupplier::getAsLong)
                .description("SIP messages that could not be parsed (answered 400 where possible, else dropped)")
                .register(registry);
    }

    public void requestReceived(String method) {
        received.request(method);
    }

    public void responseReceived(int status) {
        received.response(status);
    }

    public void requestSent(String method) {
        sent.request(method);
    }

    public void responseSent(int status) {
        sent.response(status);
    }

    public void floodDropped() {
        floodDropped.increment();
    }
}
