package org.natterjack.cdr;

import java.util.List;

/** Where finished call records are kept (the store). */
public interface CallRecordSink {

    /**
     * Keeps {@code records} all together or none of them.
     *
     * @throws RuntimeException when they could not be kept (the store is unreachable); they are offered again
     */
    void save(List<CallRecord> records);
}
