package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.util.Optional;
import javax.sip.ServerTransaction;

/** Transaction lookups the javax.sip API lacks; kept here so only the transport knows RI internals. */
public final class Transactions {

    private Transactions() {
    }

    /** The INVITE server transaction a CANCEL's server transaction cancels (RFC 3261 9.2), if the stack found one. */
    public static Optional<ServerTransaction> cancelledInvite(ServerTransaction cancel) {
        return cancel instanceof SIPServerTransaction nist
                ? Optional.ofNullable(nist.getCanceledInviteTransaction())
                : Optional.empty();
    }
}
