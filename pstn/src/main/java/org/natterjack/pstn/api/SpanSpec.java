package org.natterjack.pstn.api;

import org.natterjack.pstn.trunk.LineType;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;

/**
 * A span as an operator enters it: null or blank fields take the line type's usual values (see
 * {@link LineType}); the first channel defaults to the one after the spans so far, the timing to the next
 * clock preference for a span facing the exchange (pri_cpe) and 0 otherwise.
 *
 * @param ports analog ports (fxo, fxs); a digital span has its line type's channels
 * @param crc4 E1 only; null: on for E1
 */
public record SpanSpec(Integer number, String trunk, String type, Integer ports, Integer firstChannel,
                       Integer timing, Integer lbo, String framing, String coding, Boolean crc4, String signalling,
                       String switchtype, String echoCanceller) {

    /**
     * The span this describes, its defaults taken from {@code others} (the plan without this span).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public Span toSpan(PstnPlan others) {
        if (number == null) {
            throw new IllegalArgumentException("a span needs its number (see dahdi_scan)");
        }
        LineType line = LineType.parse(Fields.or(type, ""));
        String sig = Fields.or(signalling, line.defaultSignalling());
        return new Span(number, Fields.or(trunk, ""), line,
                firstChannel == null ? others.nextFreeChannel() : firstChannel,
                line.isDigital() ? line.channels() : (ports == null ? 0 : ports),
                timing == null ? defaultTiming(others, sig) : timing, lbo == null ? 0 : lbo,
                Fields.or(framing, line.defaultFraming()), Fields.or(coding, line.defaultCoding()),
                line == LineType.E1 && (crc4 == null || crc4), sig,
                Fields.or(switchtype, line.defaultSwitchtype()), Fields.or(echoCanceller, "mg2"));
    }

    /** Spans facing the exchange take its clock, first span first; others never provide timing. */
    private static int defaultTiming(PstnPlan plan, String signalling) {
        return signalling.equals("pri_cpe") ? (int) plan.spans().stream().filter(s -> s.timing() > 0).count() + 1 : 0;
    }

    /** The settings of {@code span}, as a form shows them. */
    public static SpanSpec of(Span span) {
        return new SpanSpec(span.number(), span.trunk(), span.type().label(), span.channels(), span.firstChannel(),
                span.timing(), span.lbo(), span.framing(), span.coding(), span.crc4(), span.signalling(),
                span.switchtype(), span.echoCanceller());
    }
}
