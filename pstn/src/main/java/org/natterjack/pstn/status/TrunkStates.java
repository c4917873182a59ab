package org.natterjack.pstn.status;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;

/**
 * Decides whether a trunk can take calls: Asterisk must be connected, and a DAHDI trunk needs a span that
 * is up. A sip-peer trunk (a test stand-in) is up while Asterisk is. While the gateway drains for an upgrade
 * every trunk is busied out.
 */
public final class TrunkStates {

    public static final String BUSIED_OUT = "busied out: draining for an upgrade";

    private final Supplier<PstnPlan> plan;
    private final Supplier<LinkState> link;
    private final SpanMonitor spans;
    private final BooleanSupplier draining;

    /** @param draining whether the gateway drains now */
    public TrunkStates(Supplier<PstnPlan> plan, Supplier<LinkState> link, SpanMonitor spans,
                       BooleanSupplier draining) {
        this.plan = plan;
        this.link = link;
        this.spans = spans;
        this.draining = draining;
    }

    public PstnPlan plan() {
        return plan.get();
    }

    public List<TrunkStatus> all() {
        PstnPlan current = plan.get();
        return current.trunks().stream().map(t -> status(current, t)).toList();
    }

    public TrunkStatus status(PstnPlan current, Trunk trunk) {
        List<SpanStatus> spanStates = current.spansOf(trunk.name()).stream().map(spans::status).toList();
        if (draining.getAsBoolean()) {
            return new TrunkStatus(trunk.name(), trunk.type(), false, BUSIED_OUT, spanStates);
        }
        LinkState state = link.get();
        if (!state.up()) {
            return new TrunkStatus(trunk.name(), trunk.type(), false,
                    "Asterisk is not connected (" + state.reason() + ")", spanStates);
        }
        if (trunk.type() == TrunkType.SIP_PEER) {
            return new TrunkStatus(trunk.name(), trunk.type(), true, "", spanStates);
        }
        if (spanStates.isEmpty()) {
            return new TrunkStatus(trunk.name(), trunk.type(), false, "no spans configured", spanStates);
        }
        if (spanStates.stream().anyMatch(SpanStatus::isUp)) {
            return new TrunkStatus(trunk.name(), trunk.type(), true, "", spanStates);
        }
        SpanStatus first = spanStates.get(0);
        return new TrunkStatus(trunk.name(), trunk.type(), false,
                "span " + first.span() + " " + first.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (first.detail().isEmpty() ? "" : ": " + first.detail()), spanStates);
    }
}
