package org.natterjack.pstn.ami;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;

/**
 * Which trunk an Asterisk channel runs on, from its name: {@code PJSIP/trunk-NAME-0000002a} (a sip-peer
 * trunk's endpoint), {@code DAHDI/i2/...} (ISDN span 2) or {@code DAHDI/5-1} (DAHDI channel 5).
 */
final class ChannelTrunks {

    private static final Pattern PJSIP = Pattern.compile("PJSIP/trunk-([a-z][a-z0-9_]*)-[0-9a-f]+");
    private static final Pattern DAHDI_SPAN = Pattern.compile("DAHDI/i([0-9]+)/.*");
    private static final Pattern DAHDI_CHANNEL = Pattern.compile("DAHDI/([0-9]+)-[0-9]+");

    private final Supplier<PstnPlan> plan;

    ChannelTrunks(Supplier<PstnPlan> plan) {
        this.plan = plan;
    }

    Optional<String> of(String channel) {
        if (channel == null) {
            return Optional.empty();
        }
        PstnPlan current = plan.get();
        Matcher m = PJSIP.matcher(channel);
        if (m.matches()) {
            return current.trunk(m.group(1)).map(t -> t.name());
        }
        m = DAHDI_SPAN.matcher(channel);
        if (m.matches()) {
            return ofSpan(current, Integer.parseInt(m.group(1)));
        }
        m = DAHDI_CHANNEL.matcher(channel);
        if (m.matches()) {
            return ofDahdiChannel(current, Integer.parseInt(m.group(1)));
        }
        return Optional.empty();
    }

    Optional<String> ofSpan(PstnPlan current, int span) {
        return current.spans().stream().filter(s -> s.number() == span).map(Span::trunk).findFirst();
    }

    Optional<String> ofDahdiChannel(PstnPlan current, int channel) {
        return current.spans().stream().filter(s -> s.firstChannel() <= channel && channel <= s.lastChannel())
                .map(Span::trunk).findFirst();
    }

    PstnPlan plan() {
        return plan.get();
    }
}
