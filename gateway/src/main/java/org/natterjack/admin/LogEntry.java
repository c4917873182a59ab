package org.natterjack.admin;

import java.time.Instant;

/**
 * One log event of the running gateway, secrets masked.
 *
 * @param level ERROR, WARN, INFO, DEBUG or TRACE
 * @param throwable "Class: message" of the exception logged with it and its causes; empty if none
 */
public record LogEntry(Instant time, String level, String logger, String thread, String message, String throwable) {
}
