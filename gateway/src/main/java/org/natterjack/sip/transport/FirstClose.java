package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.MessageProcessor;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a channel of a {@link WatchedProcessor} tells it about its first close. The channels keep their "closed"
 * flag in a plain field, not initialised: the RI's constructors may close a channel before a subclass's
 * initialisers would run.
 */
final class FirstClose {

    private FirstClose() {
    }

    static void tell(MessageProcessor processor, InetAddress peer, int port) {
        if (processor instanceof WatchedProcessor watched && peer != null) {
            watched.closed(new InetSocketAddress(peer, port));
        }
    }
}
