package org.natterjack.sip.proxy;

import java.util.Optional;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Message;

/** The Q.850 cause a PSTN gateway puts in a Reason header of a response or BYE (RFC 3326, RFC 6432). */
final class ReasonCause {

    private ReasonCause() {
    }

    static Optional<Integer> q850(Message message) {
        for (var it = message.getHeaders(ReasonHeader.NAME); it.hasNext(); ) {
            if (it.next() instanceof ReasonHeader reason && "Q.850".equalsIgnoreCase(reason.getProtocol())
                    && reason.getCause() > 0 && reason.getCause() < 128) {
                return Optional.of(reason.getCause());
            }
        }
        return Optional.empty();
    }
}
