package org.natterjack.alarms;

import java.time.Instant;
import java.util.List;

/** Where the alarm history is kept (the store), so that it outlives a restart. */
public interface AlarmLog {

    /** A new raising, or an active one whose severity or text changed. */
    void raised(Alarm alarm);

    void cleared(Alarm alarm);

    /** The latest raisings, newest first. */
    List<Alarm> latest(int limit);

    /** Clears what a previous run left active (it stopped, or died, before clearing them): checked afresh now. */
    void clearLeftOver(Instant at);
}
