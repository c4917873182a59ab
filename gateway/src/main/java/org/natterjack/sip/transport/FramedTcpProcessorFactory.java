package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import javax.sip.ListeningPoint;

/** The RI's NIO message processors, with {@link FramedTcpProcessor} for TCP. Named in the stack properties. */
public final class FramedTcpProcessorFactory implements MessageProcessorFactory {

    private final NioMessageProcessorFactory nio = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        return ListeningPoint.TCP.equalsIgnoreCase(transport) ? new FramedTcpProcessor(address, stack, port)
                : nio.createMessageProcessor(stack, address, port, transport);
    }
}
