package org.natterjack.sip.transport;

import gov.nist.javax.sip.ListeningPointExt;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.sip.SipProvider;

/**
 * One bound socket of the gateway: a transport on a local address and port, with the address it
 * advertises in Via and Contact (the listen address, or for a wildcard the host's outward address).
 */
public record SipSocket(Transport transport, InetSocketAddress local, InetAddress advertised, SipProvider provider,
                        ListeningPointExt listeningPoint) {
}
