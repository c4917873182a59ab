package org.natterjack.sip.transport;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NIOMode;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The RI's NIO TCP processor, making {@link FramedTcpChannel}s for the connections peers open to us and for
 * those we open ourselves (the RI's own versions of these methods make plain channels), and telling who listens
 * when one of them closes (the RI tells nobody).
 */
final class FramedTcpProcessor extends NioTcpMessageProcessor implements WatchedProcessor {

    private final ConnectionWatch watch = new ConnectionWatch();

    FramedTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void onClosed(Consumer<InetSocketAddress> listener) {
        watch.onClosed(listener);
    }

    @Override
    public void closed(InetSocketAddress remote) {
        watch.closed(remote);
    }

    @Override
    public boolean isConnected(InetSocketAddress remote) {
        return ConnectionWatch.isConnected(remote, transport, messageChannels, incomingMessageChannels);
    }

    /**
     * Takes {@code channel} into the table of connections under its peer's address.
     *
     * @throws IllegalStateException if a connection with that address is open already
     */
    synchronized void attach(CarriedChannel channel) {
        if (isConnected(channel.flow().remote())) {
            throw new IllegalStateException("a connection from " + channel.flow().remote() + " is open already");
        }
        cacheMessageChannel(channel);
    }

    /** The RI's own removal assumes a socket behind every channel; a carried one only leaves the tables. */
    @Override
    protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
        if (channel instanceof CarriedChannel) {
            messageChannels.remove(channel.getKey(), channel);
            incomingMessageChannels.remove(channel.getKey(), channel);
        } else {
            super.remove(channel);
        }
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new FramedTcpChannel(processor, client);
            nioHandler.putMessageChannel(client, channel);
        }
        return channel;
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return cachedChannel(MessageChannel.getKey(target, transport), target.getInetAddress(), target.getPort());
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return cachedChannel(MessageChannel.getKey(host, port, transport), host, port);
    }

    private synchronized MessageChannel cachedChannel(String key, InetAddress host, int port) throws IOException {
        ConnectionOrientedMessageChannel channel = messageChannels.get(key);
        if (channel == null) {
            channel = new FramedTcpChannel(host, port, sipStack, this);
            messageChannels.put(key, channel);
            if (sipStack.nioMode == NIOMode.BLOCKING) {
                selector.wakeup();
            }
        }
        return channel;
    }
}
