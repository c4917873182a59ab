package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Locale;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Matches responses and CANCELs to their transactions by branch (RFC 3261 17.1.3, 17.2.3, 9.2) before the RI
 * does it by searching.
 *
 * <p>The RI looks a response's transaction up in a hash table, but when that fails it compares the response
 * with every client transaction it holds (up to 32 s worth of calls), even for an RFC 3261 branch, where
 * the table lookup is conclusive; and it finds the INVITE a CANCEL cancels by comparing the CANCEL with every
 * server transaction. Under load each of those costs milliseconds and makes more messages late: the proxy
 * collapsed at 1,000 calls/s (bench/proxy), and anyone could force the searches with made-up responses or
 * CANCELs. Here, for RFC 3261 branches, a response with no transaction goes straight to
 * {@link BranchMatched#onStrayResponse} and a CANCEL to {@link BranchMatched#onCancel} with its INVITE found
 * by branch; older branches are left to the RI.
 */
public final class BranchMatchValve implements SIPMessageValve {

    /** Where the valve hands what it matched; see {@link SipTransport#setBranchMatchHandler}. */
    interface Handler {
        void strayResponse(Response response, MessageChannel channel);

        void cancel(Request cancel, Optional<ServerTransaction> invite, MessageChannel channel);
    }

    private static final String MAGIC_COOKIE = "z9hg4bk";
    private static final String CANCEL_SUFFIX = ":" + Request.CANCEL.toLowerCase(Locale.ROOT);

    private SIPTransactionStack stack;
    private volatile Handler handler;

    @Override
    public void init(SipStack stack) {
        this.stack = (SIPTransactionStack) stack;
    }

    /** Takes over from now on; until this is called, the RI handles everything as it would. */
    void setHandler(Handler handler) {
        this.handler = handler;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Handler h = handler;
        if (h == null || !Request.CANCEL.equals(request.getMethod()) || request.getTopmostVia() == null) {
            return true;
        }
        String id = request.getTransactionId();
        if (!id.startsWith(MAGIC_COOKIE) || !id.endsWith(CANCEL_SUFFIX)) {
            return true;
        }
        SIPTransaction found = stack.findTransaction(id.substring(0, id.length() - CANCEL_SUFFIX.length()), true);
        Optional<ServerTransaction> invite = found instanceof SIPServerTransaction server
                && Request.INVITE.equals(server.getMethod()) && server.doesCancelMatchTransaction(request)
                ? Optional.of(server) : Optional.empty();
        h.cancel(request, invite, channel);
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        Handler h = handler;
        if (h == null || !(response instanceof SIPResponse r) || r.getTopmostVia() == null || r.getCSeq() == null) {
            return true;
        }
        String id = r.getTransactionId();
        if (!id.startsWith(MAGIC_COOKIE) || stack.findTransaction(id, false) != null) {
            return true;
        }
        h.strayResponse(response, channel);
        return false;
    }

    @Override
    public void destroy() {
        // Nothing held.
    }
}
