package org.natterjack.sip.transport;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A connection-oriented processor of the RI that knows which connections are open and tells when one closes (the
 * RI tells nobody): TCP ({@link FramedTcpProcessor}) and WebSocket ({@link WatchedWebSocketProcessor},
 * {@link WatchedTlsWebSocketProcessor}). RFC 5626: a flow whose connection is gone is dead at once.
 */
interface WatchedProcessor {

    /** Tells {@code listener} the peer address of every connection of this processor that closes. */
    void onClosed(Consumer<InetSocketAddress> listener);

    /** True while a connection with {@code remote} is open, whichever side opened it. */
    boolean isConnected(InetSocketAddress remote);

    /** Called by a channel of this processor on its first close. */
    void closed(InetSocketAddress remote);
}
