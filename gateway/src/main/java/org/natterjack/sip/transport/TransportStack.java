package org.natterjack.sip.transport;

import org.natterjack.net.MessageTap;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * The RI's stack with transactions of ours ({@link ReleasingServerTransaction}, {@link ReleasingClientTransaction});
 * everything else is the RI's. No stack property names the transaction classes, so {@link SipTransport} builds
 * this class itself instead of asking the {@code SipFactory} for a plain {@code SipStackImpl}.
 */
final class TransportStack extends SipStackImpl {

    private volatile MessageTap tap = MessageTap.NONE;

    TransportStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    /** Who sees every message sent and received (the SIP capture). */
    MessageTap tap() {
        return tap;
    }

    /** Adds a tap after those there are. */
    synchronized void addTap(MessageTap messageTap) {
        tap = tap == MessageTap.NONE ? messageTap : tap.and(messageTap);
    }

    @Override
    public SIPClientTransaction createClientTransaction(SIPRequest request, MessageChannel channel) {
        SIPClientTransaction client = new ReleasingClientTransaction(this, channel);
        client.setOriginalRequest(request);
        return client;
    }

    /** As the RI's: above the table's low-water mark a growing share of new transactions is refused (null). */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize) {
            float threshold = ((float) (serverTransactionTable.size() - serverTransactionTableLowaterMark))
                    / ((float) (serverTransactionTableHighwaterMark - serverTransactionTableLowaterMark));
            if (Math.random() > 1.0 - threshold) {
                return null;
            }
        }
        return new ReleasingServerTransaction(this, channel);
    }
}
