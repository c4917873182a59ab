package org.natterjack.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.sip.SipProvider;
import javax.sip.message.Message;
import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.message.SIPMessage;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;

/**
 * One bound socket of the gateway: a transport on a local address and port, with the address it
 * advertises in Via and Contact (the listen address, or for a wildcard the host's outward address).
 */
public record SipSocket(Transport transport, InetSocketAddress local, InetAddress advertised, SipProvider provider,
                        ListeningPointExt listeningPoint) {

    /** The flow {@code message} arrived on at this socket: from its packet source (not what its headers say). */
    public Flow arrivalFlow(Message message) {
        SIPMessage m = (SIPMessage) message;
        return Flow.of(transport, local, new InetSocketAddress(m.getPeerPacketSourceAddress(), m.getPeerPacketSourcePort()));
    }
}
