package org.natterjack.sip.transport;

import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Receives what {@link BranchMatchValve} matched by branch, instead of the listener; called on the stack's threads. */
public interface BranchMatched {

    /** A response with an RFC 3261 branch that matches no client transaction, arrived at {@code socket}. */
    void onStrayResponse(Response response, SipSocket socket);

    /**
     * A CANCEL with an RFC 3261 branch and the INVITE server transaction it cancels, if there is one; no
     * transaction exists for the CANCEL itself, so it is answered statelessly.
     */
    void onCancel(Request cancel, Optional<ServerTransaction> invite, SipSocket socket);
}
