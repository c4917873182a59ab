package org.natterjack.pstn.trunk;

import java.util.Optional;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TrunkSpec;

/**
 * Between what an operator enters ({@link TrunkSpec}, {@link SpanSpec}: text, blanks for "the usual") and the
 * plan's validated {@link Trunk}s and {@link Span}s.
 */
public final class Specs {

    private Specs() {
    }

    /**
     * The trunk {@code spec} describes: blank fields are type dahdi, group 1, presentation allowed, no caller ID,
     * failover or inbound number; the group of a sip-peer trunk is ignored (it has none).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Trunk trunk(TrunkSpec spec) {
        TrunkType t = TrunkType.parse(or(spec.type(), "dahdi"));
        return new Trunk(or(spec.name(), ""), t, t == TrunkType.DAHDI ? (spec.group() == null ? 1 : spec.group()) : 0,
                optional(spec.peer()).map(Trunk.Peer::parse),
                Presentation.parse(or(spec.presentation(), "allowed")), optional(spec.callerId()),
                optional(spec.failover()), optional(spec.inboundNumber()), or(spec.description(), ""));
    }

    /** The settings of {@code trunk}, as a form shows them. */
    public static TrunkSpec of(Trunk trunk) {
        return new TrunkSpec(trunk.name(), trunk.type().label(), trunk.group(),
                trunk.peer().map(Trunk.Peer::toString).orElse(""), trunk.presentation().label(),
                trunk.callerId().orElse(""), trunk.failover().orElse(""), trunk.inboundNumber().orElse(""),
                trunk.description());
    }

    /**
     * The span {@code spec} describes, its defaults taken from {@code others} (the plan without this span):
     * blank fields take the line type's usual values (see {@link LineType}); the first channel defaults to the
     * one after the spans so far, the timing to the next clock preference for a span facing the exchange
     * (pri_cpe) and 0 otherwise.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Span span(SpanSpec spec, PstnPlan others) {
        if (spec.number() == null) {
            throw new IllegalArgumentException("a span needs its number (see dahdi_scan)");
        }
        LineType line = LineType.parse(or(spec.type(), ""));
        String sig = or(spec.signalling(), line.defaultSignalling());
        return new Span(spec.number(), or(spec.trunk(), ""), line,
                spec.firstChannel() == null ? others.nextFreeChannel() : spec.firstChannel(),
                line.isDigital() ? line.channels() : (spec.ports() == null ? 0 : spec.ports()),
                spec.timing() == null ? defaultTiming(others, sig) : spec.timing(),
                spec.lbo() == null ? 0 : spec.lbo(),
                or(spec.framing(), line.defaultFraming()), or(spec.coding(), line.defaultCoding()),
                line == LineType.E1 && (spec.crc4() == null || spec.crc4()), sig,
                or(spec.switchtype(), line.defaultSwitchtype()), or(spec.echoCanceller(), "mg2"));
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

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
