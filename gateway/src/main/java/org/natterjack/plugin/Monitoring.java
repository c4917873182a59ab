package org.natterjack.plugin;

import org.natterjack.alarms.Alarms;
import org.natterjack.metrics.Metrics;

/** What the core lends plug-ins for operators: the meters and the alarms. */
public record Monitoring(Metrics metrics, Alarms alarms) {
}
