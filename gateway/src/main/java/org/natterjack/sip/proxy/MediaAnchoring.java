package org.natterjack.sip.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.cdr.CallRecords;
import org.natterjack.media.relay.AnchorDecision;
import org.natterjack.media.relay.IdleSession;
import org.natterjack.media.relay.LegStats;
import org.natterjack.media.relay.MediaRelay;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.media.relay.SessionStats;
import org.natterjack.media.relay.Side;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;
import org.natterjack.media.relay.StreamStats;
import org.natterjack.net.Flow;
import org.natterjack.sip.transport.SipSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the proxy drives the media relay: decides on a call's first INVITE whether to anchor its media,
 * then passes every offer and answer of the call (INVITE, 18x, 2xx, ACK, re-INVITE, UPDATE, PRACK)
 * through the relay session, closes the session when the call ends, and ends calls whose media died.
 */
public final class MediaAnchoring {

    private static final Logger LOG = LoggerFactory.getLogger(MediaAnchoring.class);

    private final MediaRelay relay;
    private final RecordRouting recordRouting;
    private final CallTeardown teardown;
    private final CallRecords records;
    private final Map<String, AnchoredCall> calls = new ConcurrentHashMap<>();

    public MediaAnchoring(MediaRelay relay, RecordRouting recordRouting, CallTeardown teardown, CallRecords records) {
        this.relay = relay;
        this.recordRouting = recordRouting;
        this.teardown = teardown;
        this.records = records;
    }

    /**
     * A dialog-forming INVITE about to be forked to {@code targets}: anchors its media if needed, rewriting
     * the offer in place, and gives {@code proxied} the hook for the responses. {@code callerNated}: the NAT
     * test of the INVITE after the caller's NAT policy.
     *
     * @return the refusal to answer with when the relay cannot take the offer (400, 488, 503)
     */
    Optional<SdpOutcome.Rejected> onInvite(ProxyTransaction proxied, IncomingRequest in, List<Target> targets,
                                           boolean callerNated) {
        if (!relay.enabled()) {
            return Optional.empty(); // nothing will be anchored: the offer is not even parsed (hot path)
        }
        Request invite = in.message();
        Flow callerFlow = in.flow();
        String callId = callId(invite);
        Optional<byte[]> body = SdpBodies.of(invite);
        Optional<Sdp> offer = Optional.empty();
        Optional<SdpOutcome.Rejected> malformed = Optional.empty();
        if (body.isPresent()) {
            // Parsed once here for both the anchoring decision and the relay session.
            try {
                offer = Optional.of(Sdp.parse(body.get()));
            } catch (SdpException e) {
                malformed = Optional.of(new SdpOutcome.Rejected(e.status(), e.reason()));
            }
        }
        boolean calleeNated = targets.stream().anyMatch(Target::behindNat);
        Optional<ProtocolFamily> calleeFamily = targets.stream().flatMap(t -> t.flow().stream()).findFirst()
                .map(f -> familyOf(f.remote().getAddress()));
        AnchorDecision decision = relay.decide(offer, callerNated, calleeNated, calleeFamily);
        if (!decision.anchor()) {
            return Optional.empty();
        }
        AnchoredCall call = calls.computeIfAbsent(callId, id -> new AnchoredCall(relay.open(id),
                ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag(), cseq(invite),
                familyOf(callerFlow.remote().getAddress()), calleeFamily));
        proxied.hook(new InviteHook(call, invite, callerFlow, in.socket()));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        if (malformed.isPresent()) {
            close(callId);
            return malformed;
        }
        SdpOutcome outcome = call.sdp(Side.CALLER, offer.get(), directSender(invite, callerFlow), false);
        if (outcome instanceof SdpOutcome.Rewritten rewritten) {
            SdpBodies.replace(invite, rewritten.body());
            return Optional.empty();
        }
        close(callId);
        return Optional.of((SdpOutcome.Rejected) outcome);
    }

    /**
     * An in-dialog request about to be forwarded: its SDP goes through the relay, a BYE ends the session.
     *
     * @return the refusal to answer with when the relay cannot take an offer in it
     */
    Optional<SdpOutcome.Rejected> onInDialogRequest(ProxyTransaction proxied, Request request, Flow from) {
        AnchoredCall call = calls.get(callId(request));
        if (call == null) {
            return Optional.empty();
        }
        Side sender = call.senderOfRequest(((FromHeader) request.getHeader(FromHeader.NAME)).getTag());
        call.sawRequest(sender, cseq(request));
        if (Request.BYE.equals(request.getMethod())) {
            close(callId(request));
            return Optional.empty();
        }
        if (proxied != null) {
            proxied.hook(new InDialogHook(call, sender));
        }
        Optional<byte[]> sdp = SdpBodies.of(request);
        if (sdp.isEmpty()) {
            return Optional.empty();
        }
        SdpOutcome outcome = call.sdp(sender, sdp.get(), directSender(request, from), Request.ACK.equals(request.getMethod()));
        if (outcome instanceof SdpOutcome.Rewritten rewritten) {
            SdpBodies.replace(request, rewritten.body());
            return Optional.empty();
        }
        SdpOutcome.Rejected rejected = (SdpOutcome.Rejected) outcome;
        LOG.warn("Call {}: relay refused the SDP of {} from the {}: {} {}", call.session().callId(),
                request.getMethod(), sender, rejected.status(), rejected.reason());
        return Optional.of(rejected);
    }

    /** A 2xx retransmission relayed without a transaction: it carries the same answer, rewritten the same way. */
    void onStrayResponse(Response response) {
        AnchoredCall call = calls.get(callId(response));
        Optional<byte[]> sdp = SdpBodies.of(response);
        if (call != null && sdp.isPresent()) {
            Side from = call.senderOfRequest(((FromHeader) response.getHeader(FromHeader.NAME)).getTag()).other();
            if (call.sdp(from, sdp.get(), Optional.empty(), true) instanceof SdpOutcome.Rewritten rewritten) {
                SdpBodies.replace(response, rewritten.body());
            }
        }
    }

    /** For a job: ends answered calls whose media died (BYE to both parties) and frees forgotten sessions. */
    void endIdleCalls() {
        for (IdleSession idle : relay.idleSessions()) {
            AnchoredCall call = calls.get(idle.callId());
            if (idle.answered() && call != null && call.dialog().isPresent()) {
                LOG.info("Call {}: no media for {} s{}; ending it with BYE to both parties", idle.callId(),
                        idle.idle().toSeconds(), idle.onHold() ? " (on hold)" : "");
                teardown.end(call.dialog().get(), call.nextCSeq(Side.CALLER), call.nextCSeq(Side.CALLEE),
                        408, "Media timeout");
            } else {
                LOG.info("Call {}: relay session unused for {} s; released", idle.callId(), idle.idle().toSeconds());
            }
            close(idle.callId());
            records.endedByGateway(idle.callId());
        }
    }

    /** An operator ends an answered call: BYE to both parties, as on a media timeout. */
    boolean hangUp(String callId) {
        AnchoredCall call = calls.get(callId);
        if (call == null || call.dialog().isEmpty()) {
            return false;
        }
        LOG.info("Call {}: ended by an operator with BYE to both parties", callId);
        teardown.end(call.dialog().get(), call.nextCSeq(Side.CALLER), call.nextCSeq(Side.CALLEE),
                200, "Ended by operator");
        close(callId);
        records.endedByGateway(callId);
        return true;
    }

    private void close(String callId) {
        AnchoredCall call = calls.remove(callId);
        if (call != null) {
            SessionStats stats = call.session().stats();
            LOG.info("Call {}: media relay closed: {}", callId, summary(stats));
            call.session().close();
            records.relayed(callId, RelayFigures.of(stats));
        }
    }

    /** One line an operator can read: per party what it sent, where it was latched, what was dropped. */
    private static String summary(SessionStats stats) {
        StringBuilder line = new StringBuilder();
        for (StreamStats stream : stats.streams()) {
            line.append(stream.media()).append('[');
            for (Side side : Side.values()) {
                LegStats leg = stream.leg(side);
                line.append(side.name().toLowerCase(Locale.ROOT)).append(" sent ").append(leg.packetsIn())
                        .append(" got ").append(leg.packetsOut()).append(" pkts from ").append(leg.latched().map(Object::toString).orElse("(not latched)"))
                        .append(", dropped ").append(leg.droppedForeign()).append(" foreign ")
                        .append(leg.droppedInvalid()).append(" invalid").append(side == Side.CALLER ? "; " : "");
            }
            line.append("] ");
        }
        return line.length() == 0 ? "no streams" : line.toString().trim();
    }

    /** Responses to the dialog-forming INVITE: answers (or a late offer) from the callee, then the outcome. */
    private final class InviteHook implements ResponseHook {
        private final AnchoredCall call;
        private final Request invite;
        private final Flow callerFlow;
        private final SipSocket callerSocket;
        private boolean mediaFailed;

        InviteHook(AnchoredCall call, Request invite, Flow callerFlow, SipSocket callerSocket) {
            this.call = call;
            this.invite = invite;
            this.callerFlow = callerFlow;
            this.callerSocket = callerSocket;
        }

        @Override
        public void beforeRelay(Response response, Target from) {
            Optional<byte[]> sdp = SdpBodies.of(response);
            if (sdp.isEmpty()) {
                return;
            }
            Optional<InetAddress> sender = from.isParty()
                    ? Optional.of(from.socket().arrivalFlow(response).remote().getAddress()) : Optional.empty();
            boolean answer = response.getStatusCode() >= 200;
            SdpOutcome outcome = call.sdp(Side.CALLEE, sdp.get(), sender, answer);
            if (outcome instanceof SdpOutcome.Rewritten rewritten) {
                SdpBodies.replace(response, rewritten.body());
            } else if (outcome instanceof SdpOutcome.Rejected rejected) {
                LOG.warn("Call {}: relay refused the callee's SDP in {}: {} {}", call.session().callId(),
                        response.getStatusCode(), rejected.status(), rejected.reason());
                if (answer) {
                    mediaFailed = true;
                } else {
                    SdpBodies.remove(response);
                }
            }
        }

        @Override
        public void answered(Response response, Target from) {
            call.session().confirm();
            try {
                call.answered(CallDialog.of(invite, callerFlow, callerSocket, response, from,
                        uri -> uri instanceof SipURI sip && recordRouting.isOurs(sip)));
            } catch (IllegalArgumentException e) {
                LOG.warn("Call {}: answered without what a BYE needs ({}); the media timeout cannot end it",
                        call.session().callId(), e.getMessage());
            }
            if (mediaFailed && call.dialog().isPresent()) {
                teardown.end(call.dialog().get(), call.nextCSeq(Side.CALLER), call.nextCSeq(Side.CALLEE),
                        488, "Media relay refused the answer");
                close(call.session().callId());
                records.endedByGateway(call.session().callId());
            }
        }

        @Override
        public void failed(int status) {
            close(call.session().callId());
        }
    }

    /** Responses to an in-dialog request from {@code requester}: the other party's SDP is its answer or offer. */
    private static final class InDialogHook implements ResponseHook {
        private final AnchoredCall call;
        private final Side requester;

        InDialogHook(AnchoredCall call, Side requester) {
            this.call = call;
            this.requester = requester;
        }

        @Override
        public void beforeRelay(Response response, Target from) {
            Optional<byte[]> sdp = SdpBodies.of(response);
            if (sdp.isPresent()) {
                SdpOutcome outcome = call.sdp(requester.other(), sdp.get(), Optional.empty(),
                        response.getStatusCode() >= 200);
                if (outcome instanceof SdpOutcome.Rewritten rewritten) {
                    SdpBodies.replace(response, rewritten.body());
                } else if (outcome instanceof SdpOutcome.Rejected rejected) {
                    LOG.warn("Call {}: relay refused the SDP in a {}: {} {}", call.session().callId(),
                            response.getStatusCode(), rejected.status(), rejected.reason());
                }
            }
        }

        @Override
        public void failed(int status) {
            call.session().offerRefused();
        }
    }

    /**
     * The signalling source, when the message came straight from the party (one Via): media may then only
     * latch from that address. Through another proxy the source says nothing about the party's media.
     */
    private static Optional<InetAddress> directSender(Request request, Flow flow) {
        Iterator<?> vias = request.getHeaders(ViaHeader.NAME);
        vias.next();
        return vias.hasNext() ? Optional.empty() : Optional.of(flow.remote().getAddress());
    }

    private static ProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    private static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static long cseq(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
