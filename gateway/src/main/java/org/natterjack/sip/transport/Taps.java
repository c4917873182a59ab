package org.natterjack.sip.transport;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.MessageTap;
import org.natterjack.net.Transport;

/**
 * Where the transport's channels hand what they send to the {@link MessageTap} (what they receive goes through
 * {@link MeteringValve}): each of our channel classes calls {@link #sent} with the octets it is about to write.
 */
final class Taps {

    private Taps() {
    }

    static void sent(MessageChannel channel, byte[] octets, InetAddress to, int port) {
        if (channel.getSIPStack() instanceof TransportStack stack && stack.tap() != MessageTap.NONE) {
            stack.tap().tapped(true, transport(channel), local(channel.getMessageProcessor()),
                    new InetSocketAddress(to, port), octets);
        }
    }

    static void received(SIPTransactionStack sipStack, MessageChannel channel, byte[] octets) {
        if (sipStack instanceof TransportStack stack && stack.tap() != MessageTap.NONE) {
            // The peer as the channel names it: carried (tunnel) channels have no packet source.
            IpLiteral.parseHost(channel.getPeerAddress()).ifPresent(peer -> stack.tap().tapped(false,
                    transport(channel), local(channel.getMessageProcessor()),
                    new InetSocketAddress(peer, channel.getPeerPort()), octets));
        }
    }

    private static InetSocketAddress local(MessageProcessor processor) {
        return new InetSocketAddress(processor.getIpAddress(), processor.getPort());
    }

    private static Transport transport(MessageChannel channel) {
        try {
            return Transport.of(channel.getTransport());
        } catch (IllegalArgumentException e) {
            return Transport.TCP;
        }
    }
}
