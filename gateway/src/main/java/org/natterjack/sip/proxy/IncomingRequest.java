package org.natterjack.sip.proxy;

import java.util.Set;
import javax.sip.message.Request;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.sip.nat.SipNat;
import org.natterjack.sip.transport.SipSocket;

/**
 * A request as it reached the proxy: the message, the socket it hit, the flow it came over, and what the
 * NAT test found in it. The test runs at most once, on first use, and must run before
 * {@code fix_nated_contact} rewrites the Contact it looks at ({@link Proxy} sees to that).
 */
final class IncomingRequest {

    private final Request message;
    private final SipSocket socket;
    private final Flow flow;
    /** Null until first asked; a race computes the same value twice, which is harmless. */
    private volatile Set<NatIndication> nat;

    IncomingRequest(Request message, SipSocket socket, Flow flow) {
        this.message = message;
        this.socket = socket;
        this.flow = flow;
    }

    Request message() {
        return message;
    }

    SipSocket socket() {
        return socket;
    }

    Flow flow() {
        return flow;
    }

    /** The NAT evidence of the request against its flow (top Via and first Contact as they arrived). */
    Set<NatIndication> nat() {
        Set<NatIndication> found = nat;
        if (found == null) {
            found = Set.copyOf(SipNat.ofRequest(message, flow));
            nat = found;
        }
        return found;
    }
}
