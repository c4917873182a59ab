package org.natterjack.admin;

import java.util.List;
import java.util.Locale;

/**
 * Which recent log events to show.
 *
 * @param minLevel the least level shown (ERROR, WARN, INFO, DEBUG, TRACE); blank: all
 * @param text shown only if the message or the throwable contains it, ignoring case; blank: any
 * @param loggerPrefix shown only if the logger's name starts with it (a package); blank: any
 * @param limit at most this many, newest first: 1 to {@value #MAX_LIMIT}
 */
public record LogQuery(String minLevel, String text, String loggerPrefix, int limit) {

    public static final int MAX_LIMIT = 2000;
    public static final int DEFAULT_LIMIT = 200;
    /** The levels from the most to the least severe. */
    public static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    public LogQuery {
        minLevel = minLevel == null ? "" : minLevel.trim().toUpperCase(Locale.ROOT);
        text = text == null ? "" : text.trim();
        loggerPrefix = loggerPrefix == null ? "" : loggerPrefix.trim();
        if (!minLevel.isEmpty() && !LEVELS.contains(minLevel)) {
            throw new InvalidFieldException("level", "level: '" + minLevel + "' is not one of " + LEVELS);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "limit: " + limit + " is not 1-" + MAX_LIMIT);
        }
    }
}
