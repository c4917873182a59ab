package org.natterjack.cdr;

import java.time.Clock;
import java.time.Duration;
import org.natterjack.config.CdrSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For a job: ends calls left open, and removes records past the retention settings. */
public final class CallRecordRetention {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordRetention.class);

    private final CallRecords records;
    private final CallHistory history;
    private final CdrSettings settings;
    private final Clock clock;
    private boolean failing;

    public CallRecordRetention(CallRecords records, CallHistory history, CdrSettings settings, Clock clock) {
        this.records = records;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    public void run() {
        records.sweep();
        try {
            int removed = history.purge(clock.instant().minus(Duration.ofDays(settings.maxAgeDays())),
                    settings.maxRecords());
            if (removed > 0) {
                LOG.info("Removed {} call records past retention ({} days, {} records)", removed,
                        settings.maxAgeDays(), settings.maxRecords());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Call records past retention could not be removed: {}", e.getMessage());
            }
        }
    }
}
