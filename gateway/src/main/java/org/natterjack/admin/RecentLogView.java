package org.natterjack.admin;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.natterjack.logging.RecentLogs;

/** {@link Logs} on the in-memory ring buffer of the logging back end. */
final class RecentLogView implements Logs {

    private final RecentLogs recent;

    RecentLogView(RecentLogs recent) {
        this.recent = recent;
    }

    @Override
    public List<LogEntry> find(LogQuery query) {
        return recent.newestFirst().stream().filter(matching(query)).limit(query.limit())
                .map(e -> new LogEntry(e.time(), e.level(), e.logger(), e.thread(), e.message(), e.throwable()))
                .toList();
    }

    private static Predicate<RecentLogs.Event> matching(LogQuery query) {
        int least = query.minLevel().isEmpty() ? Level.ALL_INT : Level.toLevel(query.minLevel()).toInt();
        String text = query.text().toLowerCase(Locale.ROOT);
        return e -> e.levelValue() >= least && e.logger().startsWith(query.loggerPrefix())
                && (text.isEmpty() || e.message().toLowerCase(Locale.ROOT).contains(text)
                || e.throwable().toLowerCase(Locale.ROOT).contains(text));
    }
}
