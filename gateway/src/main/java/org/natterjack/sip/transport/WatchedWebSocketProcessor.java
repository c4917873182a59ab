package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.NioWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** The RI's WebSocket processor (RFC 7118, ws://), whose connections tell it when they close. */
final class WatchedWebSocketProcessor extends NioWebSocketMessageProcessor implements WatchedProcessor {

    private final ConnectionWatch watch = new ConnectionWatch();

    WatchedWebSocketProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void onClosed(Consumer<InetSocketAddress> listener) {
        watch.onClosed(listener);
    }

    @Override
    public boolean isConnected(InetSocketAddress remote) {
        return ConnectionWatch.isConnected(remote, transport, messageChannels, incomingMessageChannels);
    }

    @Override
    public void closed(InetSocketAddress remote) {
        watch.closed(remote);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new Channel(sipStack, processor, client);
            nioHandler.putMessageChannel(client, channel);
        }
        return channel;
    }

    /** A client's WebSocket connection, telling the processor on its first close. */
    private static final class Channel extends NioWebSocketMessageChannel {

        private boolean closed;

        Channel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket)
                throws IOException {
            super(stack, processor, socket);
        }

        /** Both of the RI's sending methods end here, before the octets are framed. */
        @Override
        public void sendWrapped(byte[] octets, InetAddress address, int port, boolean retry) throws IOException {
            Taps.sent(this, octets, address, port);
            super.sendWrapped(octets, address, port, retry);
        }

        @Override
        protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
            boolean first;
            synchronized (this) {
                first = !closed;
                closed = true;
            }
            super.close(removeSocket, stopKeepAliveTask);
            if (first) {
                FirstClose.tell(messageProcessor, peerAddress, peerPort);
            }
        }
    }
}
