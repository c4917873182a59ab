package org.natterjack.sip.transport;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.address.URI;
import javax.sip.message.Request;

/**
 * The RI's server transaction, safe under {@code RELEASE_REFERENCES_STRATEGY=Aggressive}, and lighter once an
 * INVITE has its final response.
 *
 * <p>With that strategy a completed non-INVITE transaction drops its request and keeps no copy (under {@code Normal}
 * it encodes the request at completion and parses it again when asked). The RI still asks for it in one place: a
 * request without an RFC 3261 branch (RFC 2543) is matched against every transaction in the table by comparing
 * it with each one's request (RFC 3261 17.2.3), and there the RI dereferences the released request and fails,
 * dropping the new request. So this transaction answers that comparison itself once its request is gone: a
 * transaction that has an RFC 3261 branch never matches such a request (their top Vias differ in the branch),
 * and one that came from an RFC 2543 client keeps the few fields the comparison reads.
 *
 * <p>The strategy keeps an answered INVITE's whole request (body, Contact, every Via) while the transaction
 * lingers to absorb retransmissions (8 s, the RI's linger timer), about 7 KB per call: at a thousand calls a
 * second the largest share of what survives a young collection. Once the final response is sent this
 * transaction keeps a {@link SlimRequest} instead.
 */
final class ReleasingServerTransaction extends SIPServerTransactionImpl {

    private static final String MAGIC_COOKIE = "z9hG4bK";

    /** Set for a transaction whose request has no RFC 3261 branch; read by the worker threads. */
    private volatile Rfc2543Key rfc2543;

    /** True once the request was replaced by its {@link SlimRequest}. */
    private boolean slimmed;

    /** What RFC 3261 17.2.3's backward-compatible matching compares; taken while the request is at hand. */
    private record Rfc2543Key(URI requestUri, String fromTag, String toTag, String callId, long cseq, String cseqMethod,
                              Via topVia) {
        static Rfc2543Key of(SIPRequest r) {
            return new Rfc2543Key(r.getRequestURI(), r.getFromTag(), r.getToTag(), r.getCallId().getCallId(),
                    r.getCSeq().getSeqNumber(), r.getCSeq().getMethod(), r.getTopmostVia());
        }
    }

    ReleasingServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    @Override
    public void setOriginalRequest(SIPRequest request) {
        super.setOriginalRequest(request);
        if (request != null && !hasRfc3261Branch(request)) {
            rfc2543 = Rfc2543Key.of(request);
        }
    }

    @Override
    protected void cleanUpOnTimer() {
        super.cleanUpOnTimer();
        // Called with the final response, and again by the ACK and at termination: slim once.
        SIPRequest full = originalRequest;
        if (full != null && isInviteTransaction() && !slimmed) {
            slimmed = true;
            originalRequest = SlimRequest.of(full);
        }
    }

    @Override
    public boolean isMessagePartOfTransaction(SIPMessage message) {
        if (getOriginalRequest() != null || hasRfc3261Branch(message)) {
            return super.isMessagePartOfTransaction(message);
        }
        Rfc2543Key kept = rfc2543;
        if (kept == null || message.getTopmostVia() == null || !(isInviteTransaction() || !isTerminated())) {
            return false;
        }
        return matches(kept, message);
    }

    /** The RI's RFC 2543 comparison ({@code SIPServerTransactionImpl.isMessagePartOfTransaction}) on the kept fields. */
    private boolean matches(Rfc2543Key kept, SIPMessage message) {
        String method = message.getCSeq().getMethod();
        if (Request.CANCEL.equalsIgnoreCase(method) && !Request.CANCEL.equalsIgnoreCase(kept.cseqMethod())) {
            return false;
        }
        String fromTag = message.getFrom().getTag();
        String toTag = message.getTo().getTag();
        boolean fromMatches = kept.fromTag() == null || fromTag == null || kept.fromTag().equalsIgnoreCase(fromTag);
        boolean toMatches = kept.toTag() == null || toTag == null || kept.toTag().equalsIgnoreCase(toTag);
        return (message instanceof SIPResponse || kept.requestUri().equals(((SIPRequest) message).getRequestURI()))
                && fromMatches && toMatches
                && kept.callId().equalsIgnoreCase(message.getCallId().getCallId())
                && kept.cseq() == message.getCSeq().getSeqNumber()
                && (!Request.CANCEL.equals(method) || getMethod().equals(method))
                && message.getTopmostVia().equals(kept.topVia());
    }

    private static boolean hasRfc3261Branch(SIPMessage message) {
        Via via = message.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        return branch != null && branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length());
    }
}
