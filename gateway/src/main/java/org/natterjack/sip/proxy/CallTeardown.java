package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.natterjack.sip.transport.SipOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an answered call from the middle: a BYE to each party, in the name of the other, along the route
 * set beyond us and over the flow to the next hop, with a Reason header saying why (RFC 3326).
 */
public final class CallTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(CallTeardown.class);

    private final Forwarding forwarding;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    CallTeardown(Forwarding forwarding, MessageFactory messages, HeaderFactory headers) {
        this.forwarding = forwarding;
        this.messages = messages;
        this.headers = headers;
    }

    /**
     * Sends the two BYEs; responses and timeouts are not waited for (the relay session is gone either way).
     *
     * @param callerCSeq the CSeq for the BYE to the callee (sent in the caller's name)
     * @param calleeCSeq the CSeq for the BYE to the caller
     */
    void end(CallDialog dialog, long callerCSeq, long calleeCSeq, int cause, String text) {
        bye(dialog, dialog.caller(), dialog.callee(), callerCSeq, cause, text);
        bye(dialog, dialog.callee(), dialog.caller(), calleeCSeq, cause, text);
    }

    private void bye(CallDialog dialog, CallDialog.Party from, CallDialog.Party to, long cseq, int cause,
                     String text) {
        try {
            var fromHeader = headers.createFromHeader(from.address(), from.tag());
            var toHeader = headers.createToHeader(to.address(), to.tag());
            Request bye = messages.createRequest(to.contact(), Request.BYE,
                    headers.createCallIdHeader(dialog.callId()), headers.createCSeqHeader(cseq, Request.BYE),
                    fromHeader, toHeader, List.of(forwarding.via(to.socket(), to.flow(), null)),
                    headers.createMaxForwardsHeader(70));
            for (var route : to.route()) {
                bye.addLast(headers.createRouteHeader(route));
            }
            bye.addHeader(headers.createReasonHeader("SIP", cause, text));
            SipOutbound.newClientTransaction(to.socket(), bye, to.flow()).sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("Call {}: could not send BYE to {}: {}", dialog.callId(), to.contact(), e.toString());
        }
    }

    public static CallTeardown of(Forwarding forwarding, org.natterjack.sip.transport.SipTransport transport)
            throws PeerUnavailableException {
        return new CallTeardown(forwarding, transport.messageFactory(), transport.headerFactory());
    }
}
