package org.natterjack.cdr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The kept call records, for the web admin and the API. */
public interface CallHistory {

    List<CallRecord> search(CallQuery query);

    /** The latest record of a call, by its Call-ID. */
    Optional<CallRecord> find(String callId);

    /**
     * Removes records of calls that started before {@code olderThan}, then the oldest beyond the newest
     * {@code keep}.
     *
     * @return how many were removed
     */
    int purge(Instant olderThan, int keep);
}
