package org.natterjack.alarms;

import java.util.List;

/**
 * The conditions an operator must act on, raised and cleared by whoever watches them (the core's checks, the
 * plug-ins'): shown on the web admin's dashboard and Alarms page, exported as metrics, logged once per change.
 * Safe from any thread.
 */
public interface Alarms {

    /**
     * Raises {@code condition}, or updates its text and severity while it is active (logged only when the
     * severity changes).
     */
    void raise(String condition, Severity severity, String text);

    /** Clears {@code condition} if it is active; nothing otherwise. */
    void clear(String condition);

    /** Raises {@code condition} while {@code wrong}, clears it otherwise: for a check that runs periodically. */
    default void set(String condition, boolean wrong, Severity severity, String text) {
        if (wrong) {
            raise(condition, severity, text);
        } else {
            clear(condition);
        }
    }

    /** The active alarms, most severe first, then oldest first. */
    List<Alarm> active();

    /** The latest raisings, active or cleared, newest first; at most {@code limit}. */
    List<Alarm> history(int limit);
}
