package org.natterjack.alarms;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's alarms: the active ones in memory, every change in the {@link AlarmLog}. A raising is logged once
 * (again only when its severity changes), a clearing once. When the log cannot be written (the store is what is
 * failing, perhaps), the alarms still work from memory and the failure is logged once.
 */
public final class AlarmBoard implements Alarms {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmBoard.class);
    private static final Comparator<Alarm> MOST_SEVERE_FIRST = Comparator.comparing(Alarm::severity)
            .thenComparing(Alarm::raised);

    private final Map<String, Alarm> active = new ConcurrentHashMap<>();
    private final AlarmLog log;
    private final Clock clock;
    private boolean logFailing;

    public AlarmBoard(AlarmLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        write(() -> log.clearLeftOver(clock.instant()));
    }

    @Override
    public synchronized void raise(String condition, Severity severity, String text) {
        Alarm current = active.get(condition);
        if (current != null && current.severity() == severity && current.text().equals(text)) {
            return;
        }
        Alarm next = new Alarm(condition, severity, text, current == null ? clock.instant() : current.raised(),
                Optional.empty());
        active.put(condition, next);
        if (current == null || current.severity() != severity) {
            if (severity.compareTo(Severity.MAJOR) <= 0) {
                LOG.error("Alarm {} raised ({}): {}", condition, severity, text);
            } else {
                LOG.warn("Alarm {} raised ({}): {}", condition, severity, text);
            }
        }
        write(() -> log.raised(next));
    }

    @Override
    public synchronized void clear(String condition) {
        Alarm current = active.remove(condition);
        if (current == null) {
            return;
        }
        Alarm done = current.clearedAt(clock.instant());
        LOG.info("Alarm {} cleared: {}", condition, current.text());
        write(() -> log.cleared(done));
    }

    @Override
    public List<Alarm> active() {
        return active.values().stream().sorted(MOST_SEVERE_FIRST).toList();
    }

    /** How many alarms of {@code severity} are active (the metrics). */
    public int activeOf(Severity severity) {
        return (int) active.values().stream().filter(a -> a.severity() == severity).count();
    }

    @Override
    public List<Alarm> history(int limit) {
        try {
            return log.latest(limit);
        } catch (RuntimeException e) {
            LOG.debug("Alarm history unavailable: {}", e.toString());
            return active();
        }
    }

    private synchronized void write(Runnable change) {
        try {
            change.run();
            if (logFailing) {
                logFailing = false;
                LOG.info("Alarm history is written again");
            }
        } catch (RuntimeException e) {
            if (!logFailing) {
                logFailing = true;
                LOG.warn("Cannot write the alarm history ({}); alarms go on from memory", e.getMessage());
            }
        }
    }
}
