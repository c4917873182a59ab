package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.net.SipConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection of the RI's TCP processor whose messages a plug-in carries (a tunnel session) instead of a socket:
 * whole messages come in through {@link #receive} and go out through the plug-in's {@link SipConnections.Peer}.
 * Kept in the processor's table of connections under the peer's address, so requests sent to its flow find it,
 * and it closes like a TCP connection (the processor is told, and the flow's bindings are dropped).
 */
final class CarriedChannel extends ConnectionOrientedMessageChannel implements SipConnections.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(CarriedChannel.class);

    private final FramedTcpProcessor processor;
    private final SipConnections.Peer peer;
    private final Flow.Connection flow;
    private final MessageParser parser;
    private boolean closed;

    CarriedChannel(FramedTcpProcessor processor, InetSocketAddress local, InetSocketAddress remote,
                   SipConnections.Peer peer) {
        super(processor.getSIPStack());
        this.processor = processor;
        this.peer = peer;
        this.messageProcessor = processor;
        this.peerAddress = remote.getAddress();
        this.peerPort = remote.getPort();
        this.peerProtocol = processor.getTransport();
        this.myAddress = processor.getIpAddress().getHostAddress();
        this.myPort = processor.getPort();
        this.key = getKey(peerAddress, peerPort, processor.getTransport());
        this.isCached = true;
        this.flow = new Flow.Connection(Transport.TCP, local, remote);
        this.parser = sipStack.getMessageParserFactory().createMessageParser(sipStack);
    }

    @Override
    public Flow.Connection flow() {
        return flow;
    }

    @Override
    public void receive(byte[] message) {
        SIPMessage parsed;
        try {
            parsed = parser.parseSIPMessage(message, true, false, null);
        } catch (ParseException | RuntimeException e) {
            answerBadRequest(message, e.getMessage());
            return;
        }
        if (parsed == null) {
            return;
        }
        try {
            processMessage(parsed);
        } catch (Exception e) {
            LOG.debug("Dropped a message from {}: {}", flow, e.toString());
        }
    }

    private void answerBadRequest(byte[] message, String reason) {
        LOG.debug("Unparsable message from {}: {}", flow, reason);
        String response = createBadReqRes(new String(message, StandardCharsets.UTF_8),
                new ParseException(reason == null ? "unparsable" : reason, 0));
        if (response != null) {
            peer.send(response.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected void sendMessage(byte[] message, boolean isClient) {
        Taps.sent(this, message, peerAddress, peerPort);
        peer.send(message);
    }

    /** Only ever asked for our own peer: the processor finds this channel by the peer's address. */
    @Override
    protected void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        if (!receiverAddress.equals(peerAddress) || receiverPort != peerPort) {
            throw new IOException("a carried connection only reaches " + flow.remote());
        }
        Taps.sent(this, message, peerAddress, peerPort);
        peer.send(message);
    }

    @Override
    public void suspend() {
        processor.closed(flow.remote());
    }

    @Override
    public void close() {
        close(true, true);
    }

    /** Whichever side closes: the processor forgets the channel and is told, the carrier is told. */
    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        isRunning = false;
        try {
            processor.remove(this);
        } finally {
            processor.closed(flow.remote());
            peer.closed();
        }
    }

    @Override
    public String getTransport() {
        return processor.getTransport();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void handleException(ParseException e, SIPMessage message, Class header, String headerText,
                                String messageText) throws ParseException {
        throw e;
    }
}
