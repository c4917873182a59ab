package org.natterjack.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * The RI's stack with server transactions of ours ({@link ReleasingServerTransaction}); everything else is the
 * RI's. No stack property names the transaction classes, so {@link SipTransport} builds this class itself instead
 * of asking the {@code SipFactory} for a plain {@code SipStackImpl}.
 */
final class TransportStack extends SipStackImpl {

    TransportStack(Properties properties) throws PeerUnavailableException {
        super(properties);
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
