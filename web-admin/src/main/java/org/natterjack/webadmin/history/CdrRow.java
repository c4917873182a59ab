package org.natterjack.webadmin.history;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Optional;
import org.natterjack.cdr.CallMedia;
import org.natterjack.cdr.CallRecord;
import org.natterjack.cdr.HungUpBy;
import org.natterjack.cdr.StreamQuality;
import org.natterjack.cdr.VoiceQuality;

/**
 * A call detail record as the API exports it, one flat row (the same columns in JSON and CSV); {@code null} where
 * a value does not apply (not answered, not relayed). Loss in percent, jitter in milliseconds.
 */
@JsonPropertyOrder({"callId", "started", "answered", "ended", "durationSeconds", "caller", "dialled", "callee",
    "route", "destination", "status", "reason", "q850", "outcome", "hungUpBy", "callerNat", "calleeNat", "relayed",
    "callerLatched", "calleeLatched", "callerPackets", "callerLossPercent", "callerJitterMs", "calleePackets",
    "calleeLossPercent", "calleeJitterMs", "mos", "oneWayAudio", "poor", "node"})
public record CdrRow(String callId, String started, String answered, String ended, long durationSeconds,
                     String caller, String dialled, String callee, String route, String destination, int status,
                     String reason, Integer q850, String outcome, String hungUpBy, boolean callerNat,
                     boolean calleeNat, boolean relayed, String callerLatched, String calleeLatched,
                     Long callerPackets, Double callerLossPercent, Double callerJitterMs, Long calleePackets,
                     Double calleeLossPercent, Double calleeJitterMs, Double mos, boolean oneWayAudio,
                     boolean poor, String node) {

    public static CdrRow of(CallRecord r) {
        CallMedia m = r.media();
        Optional<VoiceQuality> q = m.quality();
        Optional<StreamQuality> fromCaller = q.map(VoiceQuality::fromCaller);
        Optional<StreamQuality> fromCallee = q.map(VoiceQuality::fromCallee);
        return new CdrRow(r.callId(), r.started().toString(), r.answered().map(Instant::toString).orElse(null),
                r.ended().toString(), r.duration().toSeconds(), r.caller(), r.route().dialled(), r.route().callee(),
                r.route().rule(), r.route().destination(), r.status(), r.reason(), r.q850().orElse(null),
                r.outcome().label(), r.hungUpBy().map(HungUpBy::name).map(String::toLowerCase).orElse(null),
                m.callerNated(), m.calleeNated(), m.relayed(), m.callerLatched().orElse(null),
                m.calleeLatched().orElse(null), fromCaller.map(StreamQuality::packets).orElse(null),
                fromCaller.map(s -> round(s.lossPercent())).orElse(null),
                fromCaller.map(s -> round(s.jitterMillis())).orElse(null),
                fromCallee.map(StreamQuality::packets).orElse(null),
                fromCallee.map(s -> round(s.lossPercent())).orElse(null),
                fromCallee.map(s -> round(s.jitterMillis())).orElse(null),
                q.flatMap(VoiceQuality::mos).map(CdrRow::round).orElse(null),
                q.map(VoiceQuality::oneWayAudio).orElse(false), r.poor(), r.node());
    }

    /** Two decimals: what an operator reads, and what survives CSV unchanged. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
