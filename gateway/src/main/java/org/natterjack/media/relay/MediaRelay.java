package org.natterjack.media.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.media.sdp.Sdp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media relay embedded in the gateway: relay interfaces with their port pools, a few packet engine
 * threads, and the sessions of anchored calls by Call-ID.
 *
 * <p>For the proxy: {@link #decide} on a call's first offer; if it says anchor, {@link #open} a session
 * and pass every offer and answer through it; {@link RelaySession#confirm()} on the 2xx;
 * {@link RelaySession#close()} on BYE, CANCEL or a final failure. A job calls {@link #idleSessions()} and
 * ends those calls with BYE.
 */
public final class MediaRelay implements MediaCarriers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaRelay.class);
    private static final long EXHAUSTION_LOG_INTERVAL_MILLIS = 10_000;

    /**
     * A session never confirmed and untouched (no signalling, no media) this long is reported as idle so
     * that a missed CANCEL or failure cannot leak its ports: far beyond any ringing time (timer C).
     */
    public static final java.time.Duration UNANSWERED_LIMIT = java.time.Duration.ofMinutes(15);

    private final Clock clock;
    private final InetAddress fallbackAdvertise;
    private final SecureRandom random;
    private final List<PacketEngine> engines;
    private volatile RelaySettings settings;
    private volatile List<RelayInterface> interfaces;
    private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextEngine = new AtomicInteger();
    private final AtomicLong lastExhaustionLog = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean closed;

    private MediaRelay(RelaySettings settings, Clock clock, InetAddress fallbackAdvertise, SecureRandom random,
                       List<RelayInterface> interfaces, List<PacketEngine> engines) {
        this.settings = settings;
        this.clock = clock;
        this.fallbackAdvertise = fallbackAdvertise;
        this.random = random;
        this.interfaces = List.copyOf(interfaces);
        this.engines = List.copyOf(engines);
    }

    /**
     * Starts the packet engines; no port is bound before a session needs it.
     *
     * @param fallbackAdvertise advertised for a wildcard interface without {@code advertise} of the same
     *     family (the gateway's own advertised SIP address)
     * @throws IllegalArgumentException naming the setting when a wildcard interface has nothing to advertise
     */
    public static MediaRelay start(RelaySettings settings, InetAddress fallbackAdvertise, Clock clock) {
        SecureRandom random = new SecureRandom();
        List<RelayInterface> interfaces = interfaces(settings, fallbackAdvertise, random);
        List<PacketEngine> engines = new ArrayList<>();
        try {
            for (int n = 0; n < settings.ioThreads(); n++) {
                engines.add(new PacketEngine("natterjack-relay-io-" + n, clock));
            }
        } catch (IOException e) {
            engines.forEach(PacketEngine::close);
            throw new UncheckedIOException("cannot start the media relay: " + e.getMessage(), e);
        }
        LOG.info("Media relay ready on {} with {} I/O thread(s)", interfaces, engines.size());
        return new MediaRelay(settings, clock, fallbackAdvertise, random, interfaces, engines);
    }

    private static List<RelayInterface> interfaces(RelaySettings settings, InetAddress fallbackAdvertise,
                                                   SecureRandom random) {
        List<RelayInterface> interfaces = new ArrayList<>();
        for (RelayInterfaceSettings i : settings.interfaces()) {
            InetAddress advertised = i.advertise()
                    .orElseGet(() -> i.bind().isAnyLocalAddress() ? fallbackAdvertise : i.bind());
            if (advertised.isAnyLocalAddress() || (advertised instanceof java.net.Inet6Address) != i.isV6()) {
                throw new IllegalArgumentException("relay.interfaces: the interface bound to "
                        + i.bind().getHostAddress() + " needs an 'advertise' address of its family");
            }
            interfaces.add(new RelayInterface(i.bind(), advertised,
                    new PortPool(settings.portMin(i), settings.portMax(i), random)));
        }
        return interfaces;
    }

    /** @throws IllegalArgumentException naming the setting if {@code next} could not be applied */
    public void check(RelaySettings next) {
        interfaces(next, fallbackAdvertise, random);
    }

    /**
     * Applies changed settings to new calls. Changed interfaces or port ranges get new pools; calls in
     * progress keep their ports (released to their old pool, which is then forgotten), and a port they still
     * hold is skipped by the new pool until they end. {@code io-threads} keeps its value from the start.
     */
    public void reconfigure(RelaySettings next) {
        RelaySettings old = settings;
        boolean samePorts = old.interfaces().equals(next.interfaces()) && old.portMin() == next.portMin()
                && old.portMax() == next.portMax();
        if (!samePorts) {
            interfaces = List.copyOf(interfaces(next, fallbackAdvertise, random));
            LOG.info("Media relay: new calls use {}", interfaces);
        }
        settings = next;
    }

    public RelaySettings settings() {
        return settings;
    }

    public List<RelayInterface> interfaces() {
        return interfaces;
    }

    /**
     * Whether to anchor a call, on its first offer. See {@link AnchorDecision} for the rule.
     *
     * @param offer the first offer, parsed; empty for none or one that does not parse
     * @param offererNated the party that sent the offer is behind NAT
     * @param answererNated the party it goes to is (any target of the INVITE)
     * @param answererFamily the family the answerer is reached over, if known
     */
    /** Whether the relay anchors calls at all ({@code relay.enabled}). */
    public boolean enabled() {
        return settings.enabled();
    }

    public AnchorDecision decide(Optional<Sdp> offer, boolean offererNated, boolean answererNated,
                                 Optional<ProtocolFamily> answererFamily) {
        return AnchorDecision.decide(settings.enabled(), settings.alwaysAnchor(),
                endpoint -> interfaces.stream().anyMatch(i -> i.advertised().equals(endpoint.getAddress())
                        && i.pool().covers(endpoint.getPort())),
                offer, offererNated, answererNated, answererFamily);
    }

    /**
     * The session of a call, created on first use (no ports are taken before its first offer).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RelaySession open(String callId) {
        if (closed) {
            throw new IllegalStateException("the media relay is closed");
        }
        return sessions.computeIfAbsent(callId, id -> new RelaySession(id, this,
                engines.get(Math.floorMod(nextEngine.getAndIncrement(), engines.size()))));
    }

    public Optional<RelaySession> find(String callId) {
        return Optional.ofNullable(sessions.get(callId));
    }

    @Override
    public Optional<CarriedMedia> carry(String callId, Side side, int relayRtpPort, MediaCarrier carrier) {
        return find(callId).flatMap(s -> s.carry(side, relayRtpPort, carrier));
    }

    /**
     * Answered calls whose media has been silent longer than {@code relay.media-timeout-seconds}
     * ({@code relay.hold-timeout-seconds} on hold): the caller ends each with BYE to both parties and closes
     * its session. Also sessions never answered and untouched for {@link #UNANSWERED_LIMIT}
     * ({@link IdleSession#answered()} false): the caller closes them.
     */
    public List<IdleSession> idleSessions() {
        long media = settings.mediaTimeoutSeconds() * 1000L;
        long hold = settings.holdTimeoutSeconds() * 1000L;
        List<IdleSession> idle = new ArrayList<>();
        for (Map.Entry<PacketEngine, List<RelaySession>> e : byEngine().entrySet()) {
            idle.addAll(e.getKey().call(() -> {
                long now = clock.millis();
                return e.getValue().stream().map(s -> s.idle(now, media, hold, UNANSWERED_LIMIT.toMillis()))
                        .flatMap(Optional::stream).toList();
            }));
        }
        return idle;
    }

    /** A snapshot of every session, for the status interface. */
    public List<SessionStats> sessions() {
        List<SessionStats> all = new ArrayList<>();
        for (Map.Entry<PacketEngine, List<RelaySession>> e : byEngine().entrySet()) {
            all.addAll(e.getKey().call(() -> e.getValue().stream().map(RelaySession::snapshot).toList()));
        }
        return all;
    }

    public RelayStatus status() {
        return new RelayStatus(sessions.size(),
                interfaces.stream().map(i -> new RelayStatus.InterfaceStatus(i.bind().getHostAddress(),
                        i.advertised().getHostAddress(), i.pool().available(), i.pool().capacity())).toList(),
                engines.stream().mapToLong(PacketEngine::packetsPerSecond).sum(),
                engines.stream().mapToLong(PacketEngine::bitsPerSecond).sum());
    }

    /** What every engine forwarded and dropped since start. */
    public RelayTotals totals() {
        return engines.stream().map(e -> e.totals().read()).reduce(RelayTotals::plus)
                .orElse(new RelayTotals(0, 0, 0, 0, 0, 0));
    }

    /** Closes every session (returning its ports) and stops the engines. */
    @Override
    public void close() {
        closed = true;
        for (RelaySession session : List.copyOf(sessions.values())) {
            session.close();
        }
        engines.forEach(PacketEngine::close);
    }

    /** The interface of a family, or the other one when there is none (then the relay bridges). */
    RelayInterface interfaceFor(ProtocolFamily family) {
        return interfaces.stream().filter(i -> i.family() == family).findFirst().orElse(interfaces.get(0));
    }

    long relatchMillis() {
        return settings.relatchSilenceSeconds() * 1000L;
    }

    void forget(RelaySession session) {
        sessions.remove(session.callId(), session);
    }

    void exhausted(RelayInterface iface) {
        long now = clock.millis();
        long last = lastExhaustionLog.get();
        if ((last == Long.MIN_VALUE || now - last >= EXHAUSTION_LOG_INTERVAL_MILLIS)
                && lastExhaustionLog.compareAndSet(last, now)) {
            LOG.warn("Media relay ports exhausted on {} ({} calls): new calls get 503; widen relay.port-min/max",
                    iface, sessions.size());
        }
    }

    private Map<PacketEngine, List<RelaySession>> byEngine() {
        return sessions.values().stream().collect(Collectors.groupingBy(RelaySession::engine));
    }
}
