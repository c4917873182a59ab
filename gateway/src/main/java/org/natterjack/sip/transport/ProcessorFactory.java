package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import gov.nist.javax.sip.ListeningPointExt;
import javax.sip.ListeningPoint;

/**
 * The RI's NIO message processors, with {@link FramedTcpProcessor} for TCP, {@link ReusingUdpProcessor} for UDP,
 * and WebSocket processors that tell when a connection closes. Named in the stack properties.
 */
public final class ProcessorFactory implements MessageProcessorFactory {

    private final NioMessageProcessorFactory nio = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if (ListeningPoint.TCP.equalsIgnoreCase(transport)) {
            return new FramedTcpProcessor(address, stack, port);
        }
        if (ListeningPointExt.WS.equalsIgnoreCase(transport)) {
            return new WatchedWebSocketProcessor(address, stack, port);
        }
        if (ListeningPointExt.WSS.equalsIgnoreCase(transport)) {
            return new WatchedTlsWebSocketProcessor(address, stack, port);
        }
        if (ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            ReusingUdpProcessor.markUdpInUse(stack);
            return new ReusingUdpProcessor(address, stack, port);
        }
        return nio.createMessageProcessor(stack, address, port, transport);
    }
}
