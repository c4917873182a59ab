package org.natterjack.admin;

import java.util.List;

/** The gateway's recent log events, kept in memory (the last few thousand; none survive a restart). */
public interface Logs {

    /** The events {@code query} selects, newest first. */
    List<LogEntry> find(LogQuery query);
}
