package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection of the RI whose octets pass through a {@link StreamFramer} before the RI's own stream
 * reader sees them, so that reader only ever gets whole messages with framing fields it can read.
 */
final class FramedTcpChannel extends NioTcpMessageChannel {

    private static final Logger LOG = LoggerFactory.getLogger(FramedTcpChannel.class);

    /**
     * Made on the first read, on the selector thread that does every read of the connection: the RI's
     * constructor of an opened connection makes it readable before a field of ours could be set.
     */
    private StreamFramer framer;
    /** Plain, not initialised: the RI's constructor may close the channel before our initialisers run. */
    private boolean closed;

    /** A connection a peer opened to us. */
    FramedTcpChannel(NioTcpMessageProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
    }

    /** A connection we open, kept for reuse like the RI's own. */
    FramedTcpChannel(InetAddress host, int port, SIPTransactionStack stack, NioTcpMessageProcessor processor)
            throws IOException {
        super(host, port, stack, processor);
        this.isCached = true;
    }

    @Override
    protected void addBytes(byte[] octets) throws Exception {
        if (framer == null) {
            framer = new StreamFramer(sipStack.getMaxMessageSize());
        }
        for (StreamFramer.Frame frame : framer.push(octets)) {
            if (frame instanceof StreamFramer.Frame.Between between) {
                super.addBytes(between.octets());
            } else if (frame instanceof StreamFramer.Frame.Message message) {
                super.addBytes(message.octets());
            } else if (frame instanceof StreamFramer.Frame.Dropped dropped) {
                LOG.debug("Dropping a message from {}:{}/TCP: {}", peerAddress, peerPort, dropped.reason());
            } else if (frame instanceof StreamFramer.Frame.Broken broken) {
                LOG.debug("Closing the connection from {}:{}/TCP: {}", peerAddress, peerPort, broken.reason());
                broken.request().ifPresent(request -> answerBadRequest(request, broken.reason()));
                // The RI's reader closes the connection on an IOException.
                throw new IOException("SIP framing lost: " + broken.reason());
            }
        }
    }

    /** Both of the RI's sending methods end here. */
    @Override
    public void sendTCPMessage(byte[] octets, InetAddress address, int port, boolean retry) throws IOException {
        Taps.sent(this, octets, address, port);
        super.sendTCPMessage(octets, address, port, retry);
    }

    /** Tells the processor once, on the first close, whichever side closed. */
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

    /**
     * A 400 written straight to the socket, best effort: a write queued the RI's way would be dropped, since
     * the connection is closed on this (the selector) thread before the queue is served.
     */
    private void answerBadRequest(String request, String reason) {
        String response = createBadReqRes(request, new ParseException(reason, 0));
        if (response == null) {
            return;
        }
        try {
            socketChannel.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.debug("Could not answer 400 to {}:{}/TCP: {}", peerAddress, peerPort, e.toString());
        }
    }
}
