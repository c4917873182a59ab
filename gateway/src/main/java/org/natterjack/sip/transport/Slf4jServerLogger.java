package org.natterjack.sip.transport;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every SIP message sent and received to SLF4J logger {@code natterjack.sip.messages} at TRACE level
 * (off by default), in place of the RI's file-based message log.
 */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("natterjack.sip.messages");

    @Override
    public void closeLogFile() {
        // Nothing to close: SLF4J owns the output.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0);
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Levels come from logback.xml.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed.
    }
}
