package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a {@link WatchedProcessor} keeps: who listens for closed connections, and the lookup of open ones. */
final class ConnectionWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);

    private volatile Consumer<InetSocketAddress> onClosed = remote -> { };

    void onClosed(Consumer<InetSocketAddress> listener) {
        onClosed = listener;
    }

    void closed(InetSocketAddress remote) {
        try {
            onClosed.accept(remote);
        } catch (RuntimeException e) {
            LOG.warn("Handling the closed connection from {} failed", remote, e);
        }
    }

    /** True if either table of the processor (connections we opened, or the peer opened) holds {@code remote}. */
    static boolean isConnected(InetSocketAddress remote, String transport,
                               Map<String, ConnectionOrientedMessageChannel> outgoing,
                               Map<String, ConnectionOrientedMessageChannel> incoming) {
        String key = MessageChannel.getKey(remote.getAddress(), remote.getPort(), transport);
        return outgoing.containsKey(key) || incoming.containsKey(key);
    }
}
