package org.natterjack.media.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.natterjack.media.sdp.Connection;
import org.natterjack.media.sdp.MediaLine;
import org.natterjack.media.sdp.RewritePlan;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;
import org.natterjack.media.sdp.SdpRewriter;
import org.natterjack.media.sdp.StreamRewrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's half of one call: a stream per relayed {@code m=} line, each with relay sockets facing the
 * caller and the callee. The proxy hands it every offer and answer of the call (INVITE, 18x/200, ACK for a
 * late offer, re-INVITE, UPDATE) and forwards the rewritten body; ports are taken at the first offer that
 * needs them and kept until {@link #close()}.
 *
 * <p>Methods may be called from any thread; they return once the packet engine applied the change, so a
 * packet arriving afterwards sees it. No method throws for any SDP; problems come back as
 * {@link SdpOutcome.Rejected}.
 */
public final class RelaySession {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);
    private static final StreamRewrite KEEP = new StreamRewrite.Keep();
    private static final StreamRewrite DISABLE = new StreamRewrite.Disable();

    private final String callId;
    private final MediaRelay relay;
    private final PacketEngine engine;
    private final long createdAt;
    /** By m= line index; null for lines never relayed. Changed only on the engine thread. */
    private final List<RelayStream> streams = new ArrayList<>();
    /** The interface facing each party (by {@link Side#ordinal()}), fixed when first chosen. */
    private final RelayInterface[] interfaces = new RelayInterface[2];
    /** The last offer and who made it: an answer must fit it. */
    private Side offerFrom;
    private Sdp offer;
    /** Whose offer awaits its answer; null when none does (answered, refused, or none made yet). */
    private Side pendingOfferFrom;
    private volatile boolean closed;
    private volatile long lastSignalAt;
    private volatile long confirmedAt = -1;
    private final boolean[] hold = new boolean[2];
    private volatile boolean onHold;

    RelaySession(String callId, MediaRelay relay, PacketEngine engine) {
        this.callId = callId;
        this.relay = relay;
        this.engine = engine;
        this.createdAt = engine.clockMillis();
        this.lastSignalAt = createdAt;
    }

    public String callId() {
        return callId;
    }

    /**
     * SDP from {@code from} in any message of the call, told offer or answer by state, not by message type:
     * SDP from the party that did not make the pending offer is its answer; any other SDP is a new offer
     * (RFC 3264, RFC 6337).
     *
     * @param completes the message ends the offer/answer exchange when it carries an answer (a 2xx or an
     *     ACK, as opposed to an early answer in a 18x that the 200 will repeat)
     * @param receiverFamily for an offer, as for {@link #offer}
     */
    public SdpOutcome exchange(Side from, byte[] body, Optional<InetAddress> sender, boolean completes,
                               Optional<ProtocolFamily> receiverFamily) {
        try {
            return exchange(from, Sdp.parse(body), sender, completes, receiverFamily);
        } catch (SdpException e) {
            return new SdpOutcome.Rejected(e.status(), e.reason());
        }
    }

    /** As {@link #exchange(Side, byte[], Optional, boolean, Optional)}, for SDP the caller parsed already. */
    public synchronized SdpOutcome exchange(Side from, Sdp sdp, Optional<InetAddress> sender, boolean completes,
                                            Optional<ProtocolFamily> receiverFamily) {
        if (pendingOfferFrom == null || pendingOfferFrom == from) {
            SdpOutcome outcome = offer(from, sdp, sender, receiverFamily);
            if (outcome instanceof SdpOutcome.Rewritten) {
                pendingOfferFrom = from;
            }
            return outcome;
        }
        SdpOutcome outcome = answer(from, sdp, sender);
        if (completes) {
            pendingOfferFrom = null;
        }
        return outcome;
    }

    /** The pending offer was refused by the other party (a non-2xx final response): no answer is coming. */
    public synchronized void offerRefused() {
        pendingOfferFrom = null;
    }

    /**
     * An offer from {@code from}, to be forwarded to the other party: ports are taken for every new
     * stream, and the body comes back pointing at the relay sockets facing the receiver.
     *
     * @param sender the address the offer's signalling came from, when that is the party itself (its NAT's
     *     public address): media may then only latch from it or from the SDP's own address. Empty when the
     *     offer came through another proxy or gateway: the first valid packet latches.
     * @param receiverFamily the address family the receiving party is reached over; the relay faces it
     *     with an interface of that family if it has one (v4/v6 bridging). Empty: the offer's family.
     */
    public synchronized SdpOutcome offer(Side from, byte[] body, Optional<InetAddress> sender,
                                         Optional<ProtocolFamily> receiverFamily) {
        try {
            return offer(from, Sdp.parse(body), sender, receiverFamily);
        } catch (SdpException e) {
            return new SdpOutcome.Rejected(e.status(), e.reason());
        }
    }

    private SdpOutcome offer(Side from, Sdp sdp, Optional<InetAddress> sender,
                             Optional<ProtocolFamily> receiverFamily) {
        Side to = from.other();
        try {
            check(sdp);
        } catch (SdpException e) {
            return new SdpOutcome.Rejected(e.status(), e.reason());
        }
        RelayInterface fromIface = Objects.requireNonNullElseGet(interfaces[from.ordinal()],
                () -> relay.interfaceFor(familyOf(sdp)));
        RelayInterface toIface = Objects.requireNonNullElseGet(interfaces[to.ordinal()],
                () -> relay.interfaceFor(receiverFamily.orElse(fromIface.family())));
        List<RelayStream> added = new ArrayList<>();
        List<StreamRewrite> plan = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaLine m = sdp.media().get(i).mline();
            if (m.port() == 0 || !m.isDatagram() || m.portCount() != 1) {
                plan.add(m.port() == 0 ? KEEP : DISABLE);
                continue;
            }
            RelayStream stream = streamAt(i);
            if (stream == null) {
                Optional<RelayStream> fresh;
                try {
                    fresh = allocate(i, m, from, fromIface, toIface);
                } catch (IOException e) {
                    release(added);
                    LOG.warn("Call {}: cannot open relay sockets: {}", callId, e.toString());
                    return new SdpOutcome.Rejected(500, "Media relay failure");
                }
                if (fresh.isEmpty()) {
                    release(added);
                    return new SdpOutcome.Rejected(503, "Media relay ports exhausted");
                }
                stream = fresh.get();
                added.add(stream);
            }
            PortPair facing = stream.leg(to).ports;
            plan.add(new StreamRewrite.Relay(facing.rtp(), facing.rtcp()));
            signals.add(Signal.of(sdp, i, stream.leg(from).iface, sender));
        }
        Sdp rewritten = SdpRewriter.rewrite(sdp, new RewritePlan(toIface.advertised(), plan, true));
        try {
            engine.run(() -> {
                for (RelayStream s : added) {
                    place(s);
                }
                for (Signal signal : signals) {
                    RelayStream s = streams.get(signal.index());
                    s.describe(signal.mline(), signal.clockRate());
                    s.offeredMux = signal.mux();
                    s.mux = signal.mux();
                    signal.applyTo(s.leg(from));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Call {}: relay engine did not take the offer: {}", callId, e.toString());
            return new SdpOutcome.Rejected(500, "Media relay failure");
        }
        interfaces[from.ordinal()] = fromIface;
        interfaces[to.ordinal()] = toIface;
        offerFrom = from;
        offer = sdp;
        signalled(from, sdp);
        return new SdpOutcome.Rewritten(rewritten.toBytes());
    }

    /**
     * The answer of {@code from} to the last offer of the other party (18x, 200, ACK for a late offer, the
     * response to a re-INVITE or UPDATE); may come several times (early dialogs of forks, then the 200).
     *
     * @param sender as for {@link #offer}
     */
    public synchronized SdpOutcome answer(Side from, byte[] body, Optional<InetAddress> sender) {
        try {
            return answer(from, Sdp.parse(body), sender);
        } catch (SdpException e) {
            return new SdpOutcome.Rejected(e.status(), e.reason());
        }
    }

    private SdpOutcome answer(Side from, Sdp sdp, Optional<InetAddress> sender) {
        Side to = from.other();
        try {
            check(sdp);
        } catch (SdpException e) {
            return new SdpOutcome.Rejected(e.status(), e.reason());
        }
        if (offer == null || offerFrom != to) {
            return new SdpOutcome.Rejected(488, "No offer from the other party to answer");
        }
        if (sdp.media().size() != offer.media().size()) {
            return new SdpOutcome.Rejected(488, "The answer has " + sdp.media().size()
                    + " media streams, the offer had " + offer.media().size());
        }
        List<StreamRewrite> plan = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaLine m = sdp.media().get(i).mline();
            RelayStream stream = offer.media().get(i).mline().port() == 0 ? null : streamAt(i);
            if (m.port() == 0 || stream == null) {
                plan.add(m.port() == 0 ? KEEP : DISABLE);
                continue;
            }
            PortPair facing = stream.leg(to).ports;
            plan.add(new StreamRewrite.Relay(facing.rtp(), facing.rtcp()));
            signals.add(Signal.of(sdp, i, stream.leg(from).iface, sender));
        }
        Sdp rewritten = SdpRewriter.rewrite(sdp,
                new RewritePlan(interfaces[to.ordinal()].advertised(), plan, true));
        try {
            engine.run(() -> {
                for (Signal signal : signals) {
                    RelayStream s = streams.get(signal.index());
                    s.mux = s.offeredMux && signal.mux();
                    signal.applyTo(s.leg(from));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Call {}: relay engine did not take the answer: {}", callId, e.toString());
            return new SdpOutcome.Rejected(500, "Media relay failure");
        }
        signalled(from, sdp);
        return new SdpOutcome.Rewritten(rewritten.toBytes());
    }

    /**
     * The call was answered (2xx to the INVITE). From now on the media timeout applies; before, a ringing
     * call without early media is timer C's business.
     */
    public void confirm() {
        if (confirmedAt < 0) {
            confirmedAt = engine.clockMillis();
        }
    }

    /** See {@link MediaCarriers#carry}; empty also once the session is closed. */
    Optional<CarriedMedia> carry(Side side, int relayRtpPort, MediaCarrier carrier) {
        if (closed) {
            return Optional.empty();
        }
        Leg leg = engine.call(() -> {
            for (RelayStream s : streams) {
                if (s != null && s.leg(side).ports.rtp() == relayRtpPort) {
                    s.leg(side).carry(carrier);
                    return s.leg(side);
                }
            }
            return null;
        });
        return Optional.ofNullable(leg).map(l -> new CarriedMedia() {
            @Override
            public void receive(byte[] packet, boolean rtcp) {
                engine.post(() -> l.handleCarried(carrier, packet, rtcp, engine.now(), engine.totals()));
            }

            @Override
            public void release() {
                // Blocking like carry: once it returns, the leg's socket serves the network again.
                if (!closed) {
                    engine.run(() -> l.release(carrier));
                }
            }
        });
    }

    /** Closes the sockets and returns the ports to their pools; idempotent. Call on BYE, CANCEL, failure. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            engine.run(() -> {
                for (RelayStream s : streams) {
                    if (s != null) {
                        s.caller.close();
                        s.callee.close();
                    }
                }
                engine.flushClosed();
                for (RelayStream s : streams) {
                    if (s != null) {
                        s.caller.iface.pool().release(s.caller.ports);
                        s.callee.iface.pool().release(s.callee.ports);
                    }
                }
                streams.clear();
            });
        } catch (RuntimeException e) {
            LOG.error("Call {}: relay engine did not close the session; its ports stay taken: {}", callId,
                    e.toString());
        }
        relay.forget(this);
    }

    public boolean isClosed() {
        return closed;
    }

    /** A consistent snapshot of the counters (taken on the packet engine's thread). */
    public SessionStats stats() {
        return engine.call(this::snapshot);
    }

    PacketEngine engine() {
        return engine;
    }

    /** Engine thread only. */
    SessionStats snapshot() {
        List<StreamStats> list = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (RelayStream s : streams) {
            if (s != null) {
                list.add(s.stats());
                last = Math.max(last, Math.max(s.caller.lastPacketAt, s.callee.lastPacketAt));
            }
        }
        return new SessionStats(callId, Instant.ofEpochMilli(createdAt), confirmedAt >= 0, onHold,
                last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)), list);
    }

    /**
     * Engine thread only: this session if it is answered and silent longer than its timeout, or was never
     * answered and has been left alone longer than {@code unansweredMillis}.
     */
    Optional<IdleSession> idle(long now, long mediaTimeoutMillis, long holdTimeoutMillis, long unansweredMillis) {
        long confirmed = confirmedAt;
        boolean held = onHold;
        long timeout = confirmed < 0 ? unansweredMillis : held ? holdTimeoutMillis : mediaTimeoutMillis;
        if (timeout <= 0 || closed) {
            return Optional.empty();
        }
        long last = Math.max(confirmed, lastSignalAt);
        for (RelayStream s : streams) {
            if (s != null) {
                last = Math.max(last, Math.max(s.caller.lastPacketAt, s.callee.lastPacketAt));
            }
        }
        return now - last >= timeout
                ? Optional.of(new IdleSession(callId, Duration.ofMillis(now - last), held, confirmed >= 0))
                : Optional.empty();
    }

    /** What the relay needs of any SDP beyond parsing: an open session, and a c= line for each stream. */
    private void check(Sdp sdp) throws SdpException {
        if (closed) {
            throw SdpException.notAcceptable("Media session already closed");
        }
        for (int i = 0; i < sdp.media().size(); i++) {
            if (sdp.media().get(i).mline().port() != 0 && sdp.connectionOf(i).isEmpty()) {
                throw SdpException.malformed("media stream " + (i + 1) + " has no c= line");
            }
        }
    }

    private Optional<RelayStream> allocate(int index, MediaLine m, Side from, RelayInterface fromIface,
                                           RelayInterface toIface) throws IOException {
        Optional<Leg> a = Leg.open(from, fromIface);
        if (a.isEmpty()) {
            relay.exhausted(fromIface);
            return Optional.empty();
        }
        Optional<Leg> b;
        try {
            b = Leg.open(from.other(), toIface);
        } catch (IOException e) {
            release(a.get());
            throw e;
        }
        if (b.isEmpty()) {
            release(a.get());
            relay.exhausted(toIface);
            return Optional.empty();
        }
        Leg caller = from == Side.CALLER ? a.get() : b.get();
        Leg callee = from == Side.CALLER ? b.get() : a.get();
        return Optional.of(new RelayStream(callId, index, caller, callee, m, relay.relatchMillis()));
    }

    /** Engine thread only. */
    private void place(RelayStream s) {
        while (streams.size() <= s.index) {
            streams.add(null);
        }
        streams.set(s.index, s);
        engine.register(s.caller.rtp);
        engine.register(s.caller.rtcp);
        engine.register(s.callee.rtp);
        engine.register(s.callee.rtcp);
    }

    /** Not yet registered streams: their sockets close at once and the ports go straight back. */
    private static void release(List<RelayStream> unregistered) {
        for (RelayStream s : unregistered) {
            release(s.caller);
            release(s.callee);
        }
    }

    private static void release(Leg leg) {
        leg.close();
        leg.iface.pool().release(leg.ports);
    }

    private RelayStream streamAt(int index) {
        return index < streams.size() ? streams.get(index) : null;
    }

    private void signalled(Side from, Sdp sdp) {
        hold[from.ordinal()] = sdp.isOnHold();
        onHold = hold[0] || hold[1];
        lastSignalAt = engine.clockMillis();
    }

    private static ProtocolFamily familyOf(Sdp sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            if (sdp.media().get(i).mline().port() != 0) {
                Optional<Connection> c = sdp.connectionOf(i);
                if (c.isPresent()) {
                    return c.get().addrType().equals("IP6") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
                }
            }
        }
        return StandardProtocolFamily.INET;
    }

    @Override
    public String toString() {
        return "relay session " + callId;
    }
}
