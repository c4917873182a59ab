package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long call detail records are kept ({@code cdr} in the configuration file): a job removes those older than
 * {@code maxAgeDays}, then the oldest beyond {@code maxRecords}.
 */
public record CdrSettings(int maxAgeDays, int maxRecords) {

    public CdrSettings {
        if (maxAgeDays < 1 || maxAgeDays > 3650) {
            throw new IllegalArgumentException("cdr.max-age-days must be 1-3650");
        }
        if (maxRecords < 1_000 || maxRecords > 100_000_000) {
            throw new IllegalArgumentException("cdr.max-records must be 1000-100000000");
        }
    }

    public static CdrSettings defaults() {
        return of(null, null);
    }

    @JsonCreator
    static CdrSettings of(@JsonProperty("max-age-days") Integer maxAgeDays,
                          @JsonProperty("max-records") Integer maxRecords) {
        return new CdrSettings(maxAgeDays == null ? 90 : maxAgeDays, maxRecords == null ? 1_000_000 : maxRecords);
    }
}
