package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Absorbs retransmitted REGISTERs over UDP before any work is done for them (see {@link AnswerCache}): one that was
 * answered gets the same octets again, one still being served is dropped. Placed before {@link OverloadValve}, so
 * that under load a retransmission costs a lookup, not a 503 or a second challenge. Other requests pass: the stack's
 * transactions absorb theirs, and TCP has no retransmissions.
 */
public final class RetransmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(RetransmissionValve.class);

    private volatile AnswerCache answers;

    @Override
    public void init(SipStack stack) {
        // The cache comes from SipTransport (use), which shares it with the code that answers.
    }

    void use(AnswerCache cache) {
        answers = cache;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        AnswerCache cache = answers;
        if (cache == null || !Request.REGISTER.equals(request.getMethod())
                || !(channel.getMessageProcessor() instanceof ReusingUdpProcessor udp)) {
            return true;
        }
        AnswerCache.Key key = AnswerCache.Key.of(request);
        if (key == null) {
            return true;
        }
        AnswerCache.Seen seen = cache.begin(key);
        if (seen instanceof AnswerCache.First) {
            return true;
        }
        if (seen instanceof AnswerCache.Answered answered) {
            try {
                udp.send(answered.octets(), key.source(), key.port());
            } catch (IOException e) {
                LOG.debug("Could not answer a retransmitted REGISTER from {}:{} again: {}", key.source().getHostAddress(),
                        key.port(), e.toString());
            }
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // Nothing held.
    }
}
