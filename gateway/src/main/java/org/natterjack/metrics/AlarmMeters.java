package org.natterjack.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** {@code natterjack_alarms_active{severity}}: the alarms active now, by severity. */
public final class AlarmMeters {

    private AlarmMeters() {
    }

    /** @param activeOf the active alarms of a severity (by its name); held by the meters */
    public static void bind(MeterRegistry registry, List<String> severities, ToIntFunction<String> activeOf) {
        for (String severity : severities) {
            Gauge.builder("natterjack.alarms.active", activeOf, f -> f.applyAsInt(severity))
                    .description("Alarms active now, by severity").tag("severity", severity.toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
    }
}
