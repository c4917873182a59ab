package org.natterjack.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The last log events in memory, for the web admin's log viewer: a logback appender with a bounded ring
 * buffer (logback.xml attaches it to the root logger as {@value #NAME}). Messages are kept with secrets
 * masked ({@link Redaction}), as anyone who may read the status may read them.
 */
public final class RecentLogs extends AppenderBase<ILoggingEvent> {

    public static final String NAME = "RECENT";
    private static final int DEFAULT_CAPACITY = 2000;

    /** One event as kept: the formatted, masked message and a one-line summary of its throwable, if any. */
    public record Event(Instant time, String level, int levelValue, String logger, String thread, String message,
                        String throwable) {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private int capacity = DEFAULT_CAPACITY;

    /** How many events are kept (logback.xml {@code <capacity>}); the oldest go first. */
    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    protected void append(ILoggingEvent e) {
        Event event = new Event(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(),
                e.getLevel().toInt(), e.getLoggerName(), e.getThreadName(), Redaction.mask(e.getFormattedMessage()),
                Redaction.mask(summary(e.getThrowableProxy())));
        // AppenderBase.doAppend holds this object's lock while calling append.
        while (events.size() >= capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** The events kept, newest first. */
    public synchronized List<Event> newestFirst() {
        List<Event> copy = new ArrayList<>(events.size());
        for (Iterator<Event> i = events.descendingIterator(); i.hasNext(); ) {
            copy.add(i.next());
        }
        return copy;
    }

    /** "Class: message" of a throwable and its causes, joined with " <- ". */
    private static String summary(IThrowableProxy t) {
        StringBuilder s = new StringBuilder();
        for (IThrowableProxy p = t; p != null && s.length() < 1000; p = p.getCause()) {
            s.append(s.isEmpty() ? "" : " <- ").append(p.getClassName())
                    .append(p.getMessage() == null ? "" : ": " + p.getMessage());
        }
        return s.toString();
    }

    /**
     * The appender on the root logger, attached now if the logging configuration did not (a test's); an
     * empty one if the logging back end is not logback.
     */
    public static RecentLogs installed() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new RecentLogs();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        synchronized (RecentLogs.class) {
            if (root.getAppender(NAME) instanceof RecentLogs attached) {
                return attached;
            }
            RecentLogs recent = new RecentLogs();
            recent.setName(NAME);
            recent.setContext(context);
            recent.start();
            root.addAppender(recent);
            return recent;
        }
    }
}
