package org.natterjack.sip.transport;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the JAIN-SIP RI's internal logging to SLF4J (logger {@code gov.nist}); set by stack property. */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist");
    private static final int MAX_LINE = 200;

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable());
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(shorten(message));
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return switch (logLevel) {
            case TRACE_NONE -> false;
            case TRACE_FATAL, TRACE_ERROR -> LOG.isErrorEnabled();
            case TRACE_WARN -> LOG.isWarnEnabled();
            case TRACE_INFO -> LOG.isInfoEnabled();
            case TRACE_DEBUG -> LOG.isDebugEnabled();
            default -> LOG.isTraceEnabled();
        };
    }

    /**
     * Errors the stack reports about what peers sent (a packet it could not process) come with the whole
     * receive buffer printed as numbers; one line per bad packet is kept short so garbage cannot flood the log.
     */
    @Override
    public void logError(String message, Exception ex) {
        LOG.warn("{}: {}", shorten(message), ex.toString());
        LOG.debug("SIP stack error detail", ex);
    }

    private static String shorten(String message) {
        return message.length() <= MAX_LINE ? message : message.substring(0, MAX_LINE) + "...";
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.info(message);
    }

    @Override
    public void disableLogging() {
        // Levels are SLF4J's to decide.
    }

    @Override
    public void enableLogging() {
        // Levels are SLF4J's to decide.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // Not logged.
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to configure: levels come from logback.xml.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
