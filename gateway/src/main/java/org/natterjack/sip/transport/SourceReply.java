package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;

/** How the valves answer a request they refuse before the stack has seen it. */
final class SourceReply {

    private SourceReply() {
    }

    /**
     * Sends {@code response} to the source of the packet that {@code channel} received, as rport asks: the Via
     * of a refused request is not to be trusted.
     */
    static void send(SIPResponse response, MessageChannel channel) throws IOException {
        channel.getMessageProcessor()
                .createMessageChannel(channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort())
                .sendMessage(response);
    }
}
