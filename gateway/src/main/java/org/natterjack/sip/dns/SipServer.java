package org.natterjack.sip.dns;

import java.net.InetSocketAddress;
import org.natterjack.net.Transport;

/** One place to send a request, as RFC 3263 section 4 resolves it: a transport, an address and a port. */
public record SipServer(Transport transport, InetSocketAddress address) {
}
