package org.natterjack.sip.proxy;

import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.util.Optional;
import org.natterjack.media.relay.RelaySession;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.media.relay.Side;

/**
 * The SIP half of a call whose media the relay anchors: which party is the caller (by From tag), whose
 * offer is waiting for an answer, the highest CSeq each party used, and once answered the dialog as seen
 * from here, so the gateway can end the call itself.
 *
 * <p>Offer and answer are told apart by state, not by message type: SDP from the party that did not make
 * the pending offer is its answer; any other SDP is a new offer (RFC 3264, RFC 6337).
 */
final class AnchoredCall {

    private final RelaySession session;
    private final String callerTag;
    private final ProtocolFamily callerFamily;
    private final Optional<ProtocolFamily> calleeFamily;
    private Side pendingOfferFrom;
    private long callerCSeq;
    private long calleeCSeq;
    private CallDialog dialog;

    AnchoredCall(RelaySession session, String callerTag, long callerCSeq, ProtocolFamily callerFamily,
                 Optional<ProtocolFamily> calleeFamily) {
        this.session = session;
        this.callerTag = callerTag;
        this.callerCSeq = callerCSeq;
        this.callerFamily = callerFamily;
        this.calleeFamily = calleeFamily;
    }

    RelaySession session() {
        return session;
    }

    /** The party that sent a request with this From tag. */
    Side senderOfRequest(String fromTag) {
        return callerTag.equals(fromTag) ? Side.CALLER : Side.CALLEE;
    }

    /**
     * Passes SDP from {@code from} through the relay.
     *
     * @param completes the message ends the offer/answer exchange when it carries an answer (a 2xx or an
     *     ACK, as opposed to an early answer in a 18x that the 200 will repeat)
     */
    synchronized SdpOutcome sdp(Side from, byte[] body, Optional<InetAddress> sender, boolean completes) {
        if (pendingOfferFrom == null || pendingOfferFrom == from) {
            Optional<ProtocolFamily> receiverFamily = from == Side.CALLER ? calleeFamily : Optional.of(callerFamily);
            SdpOutcome outcome = session.offer(from, body, sender, receiverFamily);
            if (outcome instanceof SdpOutcome.Rewritten) {
                pendingOfferFrom = from;
            }
            return outcome;
        }
        SdpOutcome outcome = session.answer(from, body, sender);
        if (completes) {
            pendingOfferFrom = null;
        }
        return outcome;
    }

    /** An offer was refused by the other party (a non-2xx final response): no answer is coming. */
    synchronized void offerRefused() {
        pendingOfferFrom = null;
    }

    synchronized void sawRequest(Side from, long cseq) {
        if (from == Side.CALLER) {
            callerCSeq = Math.max(callerCSeq, cseq);
        } else {
            calleeCSeq = Math.max(calleeCSeq, cseq);
        }
    }

    /** The next CSeq for a request the gateway sends in the name of {@code from}. */
    synchronized long nextCSeq(Side from) {
        return from == Side.CALLER ? ++callerCSeq : ++calleeCSeq;
    }

    synchronized void answered(CallDialog answeredDialog) {
        if (dialog == null) {
            dialog = answeredDialog;
        }
    }

    synchronized Optional<CallDialog> dialog() {
        return Optional.ofNullable(dialog);
    }
}
