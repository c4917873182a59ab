package org.natterjack.sip.proxy;

import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.util.Optional;
import org.natterjack.media.relay.RelaySession;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.media.relay.Side;

/**
 * The SIP half of a call whose media the relay anchors: which party is the caller (by From tag) and how each
 * party is reached (address family), the highest CSeq each party used, and once answered the dialog as seen
 * from here, so the gateway can end the call itself. The offer/answer state is the {@link RelaySession}'s.
 */
final class AnchoredCall {

    private final RelaySession session;
    private final String callerTag;
    private final ProtocolFamily callerFamily;
    private final Optional<ProtocolFamily> calleeFamily;
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

    /** Passes SDP from {@code from} through the relay (see {@link RelaySession#exchange}). */
    SdpOutcome sdp(Side from, byte[] body, Optional<InetAddress> sender, boolean completes) {
        return session.exchange(from, body, sender, completes, receiverFamily(from));
    }

    /** As {@link #sdp(Side, byte[], Optional, boolean)}, for SDP parsed already (the INVITE's offer). */
    SdpOutcome sdp(Side from, Sdp parsed, Optional<InetAddress> sender, boolean completes) {
        return session.exchange(from, parsed, sender, completes, receiverFamily(from));
    }

    private Optional<ProtocolFamily> receiverFamily(Side from) {
        return from == Side.CALLER ? calleeFamily : Optional.of(callerFamily);
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
