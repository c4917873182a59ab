package org.natterjack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sip.PeerUnavailableException;
import org.natterjack.admin.CoreAdmin;
import org.natterjack.admission.Admission;
import org.natterjack.alarms.AlarmBoard;
import org.natterjack.alarms.Severity;
import org.natterjack.backup.ConfigurationBackup;
import org.natterjack.capture.CaptureRing;
import org.natterjack.capture.CapturedMessage;
import org.natterjack.capture.HepSender;
import org.natterjack.capture.SipCapture;
import org.natterjack.cdr.CallRecordRetention;
import org.natterjack.cdr.CallRecords;
import org.natterjack.config.CaptureSettings;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.NodeSettings;
import org.natterjack.cluster.NodeRegistry;
import org.natterjack.cluster.PeerNodes;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.LocalDomains;
import org.natterjack.config.SettingsOverlay;
import org.natterjack.jobs.Jobs;
import org.natterjack.location.Binding;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.NodeId;
import org.natterjack.media.relay.MediaRelay;
import org.natterjack.metrics.AlarmMeters;
import org.natterjack.metrics.CallMeters;
import org.natterjack.metrics.Metrics;
import org.natterjack.metrics.RegistrarMeters;
import org.natterjack.metrics.RelayMeters;
import org.natterjack.metrics.SipMeters;
import org.natterjack.plugin.CarrierAccess;
import org.natterjack.plugin.FatalStartException;
import org.natterjack.plugin.Monitoring;
import org.natterjack.plugin.Plugins;
import org.natterjack.plugin.SipCredentials;
import org.natterjack.sip.SipDispatcher;
import org.natterjack.sip.auth.AuthFailureThrottle;
import org.natterjack.sip.auth.DigestAlgorithm;
import org.natterjack.sip.auth.DigestAuthenticator;
import org.natterjack.sip.auth.NonceService;
import org.natterjack.sip.digest.DigestFront;
import org.natterjack.sip.dns.SipServerLocator;
import org.natterjack.sip.keepalive.ClosedConnections;
import org.natterjack.sip.keepalive.KeepaliveSchedule;
import org.natterjack.sip.keepalive.NatKeepalive;
import org.natterjack.sip.proxy.CallTeardown;
import org.natterjack.sip.proxy.CallerAuth;
import org.natterjack.sip.proxy.FlowTokens;
import org.natterjack.sip.proxy.Forwarding;
import org.natterjack.sip.proxy.LoopDetection;
import org.natterjack.sip.proxy.MediaAnchoring;
import org.natterjack.sip.proxy.PlanExecutor;
import org.natterjack.sip.proxy.Proxy;
import org.natterjack.sip.proxy.RecordRouting;
import org.natterjack.sip.proxy.StatelessRelay;
import org.natterjack.sip.proxy.plan.CallPlanner;
import org.natterjack.sip.registrar.RegisterHandler;
import org.natterjack.sip.registrar.Registrar;
import org.natterjack.sip.transport.Replies;
import org.natterjack.sip.transport.SipClient;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.natterjack.status.CoreAlarms;
import org.natterjack.status.GatewayStatus;
import org.natterjack.store.AlarmRepository;
import org.natterjack.store.BindingReplication;
import org.natterjack.store.BindingRepository;
import org.natterjack.store.NodeRepository;
import org.natterjack.store.CallRecordRepository;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.RouteRepository;
import org.natterjack.store.SecretRepository;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.Store;
import org.natterjack.store.StoreGate;
import org.natterjack.store.UserRepository;
import org.natterjack.users.UserPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: wires store, location service, registrar, SIP transport and jobs together, and
 * takes them down again in the reverse order (flushing bindings last so none is lost).
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final UserRepository users;
    private final RouteRepository routes;
    private final BindingRepository bindings;
    private final SipTransport transport;
    private final MediaRelay relay;
    private final GatewayStatus status;
    private final Jobs jobs;
    private final ScheduledExecutorService proxyTimers;
    private final Plugins plugins;
    private final Admission admission;
    private final Metrics metrics;
    private final CallRecords records;
    private final AutoCloseable hep;
    private final Store store;

    private Gateway(UserRepository users, RouteRepository routes, BindingRepository bindings,
                    SipTransport transport, MediaRelay relay, GatewayStatus status, Jobs jobs,
                    ScheduledExecutorService proxyTimers, Plugins plugins, Admission admission, Metrics metrics,
                    CallRecords records, AutoCloseable hep, Store store) {
        this.users = users;
        this.routes = routes;
        this.bindings = bindings;
        this.transport = transport;
        this.relay = relay;
        this.status = status;
        this.jobs = jobs;
        this.proxyTimers = proxyTimers;
        this.plugins = plugins;
        this.admission = admission;
        this.metrics = metrics;
        this.records = records;
        this.hep = hep;
        this.store = store;
    }

    /**
     * Starts everything {@code config} describes.
     *
     * @throws org.natterjack.store.StoreException if the store cannot be opened
     * @throws org.natterjack.sip.transport.TransportException if a listen address cannot be bound
     */
    public static Gateway start(GatewayConfig file, Clock clock) throws PeerUnavailableException {
        Store store = Store.open(file.store(), file.dataDir());
        SettingsRepository overrides = new SettingsRepository(store, clock);
        LiveConfig live = new LiveConfig(SettingsOverlay.atStart(file, overrides.all()));
        GatewayConfig config = live.current();
        UserRepository users = new UserRepository(store, clock);
        RouteRepository routes = new RouteRepository(store);
        // Alone, a gateway's bindings are the 'local' node's (as stores written before nodes existed say).
        NodeId self = store.shared() ? new NodeId(file.node().name()) : NodeId.LOCAL;
        Optional<NodeRegistry> nodes = store.shared()
                ? Optional.of(new NodeRegistry(new NodeRepository(store), file.node(), self)) : Optional.empty();
        BindingRepository bindings = new BindingRepository(store, clock, self, file.store().writeBacklog());
        MemoryLocationService location = nodes.isPresent()
                ? new MemoryLocationService(self, clock, nodes.get()::alive) : new MemoryLocationService(self, clock);
        List<Binding> restored = bindings.loadLive(store.shared());
        location.restore(restored);
        location.listen(bindings);
        StoreGate gate = new StoreGate(store, bindings, Duration.ofSeconds(file.store().maxStaleSeconds()));
        if (store.shared()) {
            followChanges(store, file, overrides, live, users, routes);
        }

        LocalDomains domains = LocalDomains.of(config.sip());
        InetAddress advertised = config.sip().advertise().or(() -> config.sip().listen().stream()
                .filter(l -> !l.isWildcard()).map(ListenAddress::address).findFirst())
                .orElseGet(() -> outwardAddress(config));
        SipTransport transport = SipTransport.start(config.sip(), config.websocket(), advertised,
                config.proxy().trustedPeers());
        Jobs jobs = new Jobs();
        ScheduledThreadPoolExecutor proxyTimers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "natterjack-proxy-timers");
            t.setDaemon(true);
            return t;
        });
        // Timer C is cancelled in nearly every call; without this the cancelled timers stay queued for 180 s.
        proxyTimers.setRemoveOnCancelPolicy(true);
        MediaRelay relay = null;
        Plugins plugins = new Plugins();
        Admission admission = new Admission();
        Metrics metrics = config.metrics().enabled() ? Metrics.kept(self.name()) : Metrics.off();
        AlarmBoard alarms = new AlarmBoard(new AlarmRepository(store, self), clock);
        CallRecordRepository history = new CallRecordRepository(store);
        CallRecords records = new CallRecords(history, self, clock);
        Optional<HepSender> hepSender = config.capture().hep().address()
                .map(collector -> new HepSender(config.capture().hep()));
        AutoCloseable hep = hepSender.<AutoCloseable>map(h -> h).orElse(() -> { });
        AlarmMeters.bind(metrics.registry(), Arrays.stream(Severity.values()).map(Enum::name).toList(),
                severity -> alarms.activeOf(Severity.valueOf(severity)));
        try {
            relay = MediaRelay.start(config.relay(), advertised, clock);
            RelayMeters.bind(metrics.registry(), relay, r -> r.status().sessions(), MediaRelay::totals,
                    r -> r.status().interfaces());
            // This node's bindings: with a shared store the others' are in memory too, and count on their nodes.
            RegistrarMeters registrarMeters = new RegistrarMeters(metrics.registry(),
                    () -> location.heldHere().count(), () -> location.heldHere().filter(Binding::behindNat).count());
            CallMeters calls = new CallMeters(metrics.registry());
            calls.active(metrics.registry(), relay, r -> r.status().sessions());
            if (config.metrics().enabled()) {
                transport.meter(new SipMeters(metrics.registry(), SipTransport::parseFailures));
            }
            SipCapture capture = capture(config.capture(), transport, advertised, hepSender, clock);
            transport.onCallRefusedOverloaded(calls::refusedOverload);
            Registrar registrar = new Registrar(location, live::registrar, live::nat, clock);
            AuthFailureThrottle throttle = new AuthFailureThrottle(live::auth, clock);
            DigestAuthenticator authenticator = new DigestAuthenticator(new NonceService(
                    () -> Duration.ofSeconds(live.auth().nonceLifetimeSeconds()), clock), live::auth);
            Replies replies = new Replies(transport, registrarMeters);
            RegisterHandler register = new RegisterHandler(registrar, domains, users,
                    new DigestFront(DigestFront.Role.REGISTRAR, authenticator, users, throttle, live::auth,
                            transport.headerFactory()),
                    () -> live.registrar().maxContacts(), () -> live.nat().keepaliveSeconds(), transport::close,
                    replies, gate::closed, clock);
            CallerAuth callerAuth = new CallerAuth(new DigestFront(DigestFront.Role.PROXY, authenticator, users,
                    throttle, live::auth, transport.headerFactory()), domains, live::proxy);
            CallPlanner planner = new CallPlanner(routes::table, location, users, users, domains,
                    () -> live.dns().foreignDomains(), plugins.trunks(),
                    transport.sockets().stream().map(SipSocket::transport).collect(Collectors.toSet()));
            if (nodes.isPresent()) {
                MediaRelay calling = relay;
                nodes.get().join(nodeAddress(file.node(), transport, advertised), Version.current(),
                        () -> calling.status().sessions());
                jobs.every(Duration.ofSeconds(file.node().heartbeatSeconds()), "node-heartbeat", nodes.get()::beat);
            }
            Proxy proxy = proxy(transport, new FlowTokens(new SecretRepository(store, clock).key("flow-token")), domains,
                    relay, planner, SipServerLocator.of(config.dns()), users, callerAuth, proxyTimers, live,
                    admission, calls, records, nodes.<PeerNodes>map(n -> n).orElse(PeerNodes.NONE), gate::closed);
            // From here on SIP is answered and registrations are acknowledged: whatever fails below must still
            // stop the gateway as close() does, flushing the bindings.
            transport.setListener(new SipDispatcher(transport, register, proxy, replies));
            transport.setBranchMatchHandler(proxy);

            jobs.every(Duration.ofSeconds(1), "flush-bindings", bindings::flush);
            jobs.every(Duration.ofSeconds(5), "expire-bindings", () -> {
                int purged = location.expire();
                registrarMeters.dropped(RegistrarMeters.Dropped.EXPIRED, purged);
                if (purged > 0) {
                    LOG.debug("Removed {} expired bindings", purged);
                }
            });
            jobs.every(Duration.ofSeconds(2), "reload-users", users::refreshIfChanged);
            jobs.every(Duration.ofSeconds(30), "purge-auth-failures", throttle::purge);
            jobs.every(Duration.ofSeconds(5), "media-timeouts", proxy::endIdleCalls);
            jobs.every(Duration.ofSeconds(1), "flush-call-records", records::flush);
            jobs.every(Duration.ofHours(1), "call-record-retention",
                    new CallRecordRetention(records, history, config.cdr(), clock)::run);
            transport.onConnectionClosed(ClosedConnections.watching(location, registrarMeters));
            NatKeepalive keepalive = new NatKeepalive(location, new SipClient(transport), transport, live::nat,
                    registrarMeters);
            KeepaliveSchedule keepalives = new KeepaliveSchedule(jobs, keepalive::sendRound, config.nat());
            applyChanges(live, transport, relay, keepalives);
            jobs.start();
            warnForeignRealms(users, config.auth().realm());
            live.onChange((old, next) -> {
                if (!old.auth().realm().equals(next.auth().realm())) {
                    warnForeignRealms(users, next.auth().realm());
                }
            });
            if (!config.auth().required()) {
                LOG.warn("auth.required is false: any client can register any address-of-record in {}", domains);
            }
            GatewayStatus status = new GatewayStatus(clock, location, relay, transport::callsRefusedOverloaded);
            CoreAlarms coreAlarms = new CoreAlarms(alarms, status, file.dataDir(), bindings::failure);
            jobs.every(Duration.ofSeconds(10), "alarms", coreAlarms::check);
            CoreAdmin admin = new CoreAdmin(users, routes, new GroupRepository(store), location, status,
                    proxy::hangUp, file, live, overrides, new ConfigurationBackup(store, file, live, overrides,
                    plugins::backupParts, () -> {
                        users.refreshIfChanged();
                        routes.refreshIfChanged();
                    }, clock), history, capture, nodes, self, clock);
            serveMetrics(config, metrics);
            plugins.start(live, clock, store, self, routes::table, jobs, admin, admission,
                    new CarrierAccess(transport::carriedConnections, credentials(users, throttle, live), relay),
                    new Monitoring(metrics, alarms));
            LOG.info("Natterjack {} started: node {}, domains [{}], {} bindings restored, data in {}",
                    Version.current(), self, domains, restored.size(), store.name());
            if (store.shared()) {
                // The other nodes' bindings arrive now, on the change listener, so that reading them does not
                // compete for the CPU with this node's own start.
                BindingReplication.start(store, bindings, location);
            }
            return new Gateway(users, routes, bindings, transport, relay, status, jobs, proxyTimers,
                    plugins, admission, metrics, records, hep, store);
        } catch (RuntimeException | PeerUnavailableException e) {
            stop(plugins, jobs, proxyTimers, transport, relay, bindings, users, routes, metrics, records, hep, store);
            throw e;
        }
    }

    /** The SIP capture ring, and the Homer copy of what it sees, when configured. */
    private static SipCapture capture(CaptureSettings settings, SipTransport transport, InetAddress advertised,
                                      Optional<HepSender> hep, Clock clock) {
        if (settings.memoryMegabytes() == 0 && hep.isEmpty()) {
            return SipCapture.OFF;
        }
        CaptureRing ring = new CaptureRing(settings.memoryMegabytes() * 1024 * 1024, advertised, clock,
                hep.<Consumer<CapturedMessage>>map(h -> h).orElse(null));
        transport.tap(ring);
        return settings.memoryMegabytes() == 0 ? SipCapture.OFF : ring;
    }

    /** The plain-HTTP metrics listener, when {@code metrics.listen} names one. */
    private static void serveMetrics(GatewayConfig config, Metrics metrics) {
        if (config.metrics().enabled() && config.metrics().listen().isPresent()) {
            ListenAddress listen = config.metrics().listen().get();
            try {
                metrics.serve(listen.socketAddress());
            } catch (IOException e) {
                throw new FatalStartException("metrics.listen: cannot listen on " + listen + ": " + e.getMessage(), e);
            }
        }
    }

    /** The proxy with its collaborators: record-routing, forwarding, loops, media anchoring, the plan's executor. */
    private static Proxy proxy(SipTransport transport, FlowTokens tokens, LocalDomains domains, MediaRelay relay,
                               CallPlanner planner, SipServerLocator locator, UserPolicies policies,
                               CallerAuth callerAuth, ScheduledExecutorService timers, LiveConfig live,
                               Admission admission, CallMeters calls, CallRecords records, PeerNodes peers,
                               BooleanSupplier storeRefuses) throws PeerUnavailableException {
        RecordRouting recordRouting = new RecordRouting(tokens, domains, transport);
        Forwarding forwarding = new Forwarding(transport.headerFactory(), recordRouting, () -> live.auth().realm());
        LoopDetection loops = LoopDetection.forSockets(transport.sockets());
        MediaAnchoring media = new MediaAnchoring(relay, recordRouting, CallTeardown.of(forwarding, transport),
                records);
        PlanExecutor executor = new PlanExecutor(planner, transport, locator, forwarding, loops, media, policies,
                domains, peers);
        return new Proxy(transport, recordRouting, forwarding, loops, new StatelessRelay(transport), media, executor,
                callerAuth, timers, live, admission, calls, records, peers, storeRefuses);
    }

    /**
     * Where the other nodes send this one SIP: {@code node.address}, else the advertised address and the first UDP
     * port.
     */
    private static String nodeAddress(NodeSettings node, SipTransport transport, InetAddress advertised) {
        return node.address().map(ListenAddress::toString).orElseGet(() -> IpLiteral.uriHost(advertised) + ":"
                + transport.sockets().stream().filter(s -> s.transport() == Transport.UDP).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("node.address: no UDP listener to derive it"))
                        .local().getPort());
    }

    /**
     * With a shared store, what another node's web admin or command line changes applies here at once: accounts,
     * routes and ring groups are reloaded, and changed settings overrides applied as this node's own would be.
     */
    private static void followChanges(Store store, GatewayConfig file, SettingsRepository overrides, LiveConfig live,
                                      UserRepository users, RouteRepository routes) {
        store.onChange(() -> {
            users.refreshIfChanged();
            routes.refreshIfChanged();
            GatewayConfig next = SettingsOverlay.atStart(file, overrides.all());
            if (!next.equals(live.current())) {
                live.verify(next);
                live.update(next);
            }
        });
    }

    /** What the components that keep settings of their own do when an operator changes one. */
    private static void applyChanges(LiveConfig live, SipTransport transport, MediaRelay relay,
                                     KeepaliveSchedule keepalives) {
        live.check(next -> relay.check(next.relay()));
        live.onChange((old, next) -> {
            keepalives.apply(next.nat());
            relay.reconfigure(next.relay());
            transport.limitSources(next.sip().sourceRateLimit(), next.proxy().trustedPeers());
            transport.limitQueueDelay(next.sip().overloadQueueDelayMs());
            LOG.info("Settings changed; applied to the running gateway");
        });
    }

    /**
     * Users whose password was hashed for another realm (by an older version, which used the user's domain, or
     * before auth.realm changed) cannot answer our challenge: the operator must set their passwords again.
     */
    /** The accounts' SHA-256 HA1 and the throttle, as plug-ins that log SIP users in see them. */
    private static SipCredentials credentials(UserRepository users, AuthFailureThrottle throttle, LiveConfig live) {
        return new SipCredentials() {
            @Override
            public String realm() {
                return live.auth().realm();
            }

            @Override
            public Optional<Account> find(String username, String domain) {
                return users.find(username, domain).flatMap(u -> Optional.ofNullable(
                        u.ha1().get(DigestAlgorithm.SHA_256)).map(ha1 -> new Account(u.username(), u.realm(), ha1,
                        users.of(u.username(), u.domain()).tunnel())));
            }

            @Override
            public boolean isBlocked(InetAddress source) {
                return throttle.isBlocked(source);
            }

            @Override
            public void recordFailure(InetAddress source, String who) {
                throttle.recordFailure(source, who);
            }
        };
    }

    private static void warnForeignRealms(UserRepository users, String realm) {
        List<String> foreign = users.list().stream().filter(u -> !u.realm().equals(realm))
                .map(u -> u.username() + (u.servesEveryDomain() ? "" : "@" + u.domain()) + " (realm " + u.realm() + ")")
                .toList();
        if (!foreign.isEmpty()) {
            LOG.warn("{} SIP users have passwords hashed for another realm than auth.realm '{}' and cannot"
                    + " authenticate until their passwords are set again (natterjack user set NAME --password ..."
                    + " or the web admin): {}", foreign.size(), realm, String.join(", ", foreign));
        }
    }

    /** Whether new calls are taken (the upgrade agent drains through its plug-in context). */
    public Admission admission() {
        return admission;
    }

    /** Read-only state for the web admin and monitoring. */
    public GatewayStatus status() {
        return status;
    }

    /**
     * The address other hosts most likely reach us at: the source address of the default route (no packet
     * is sent), falling back to loopback on a host without a route.
     */
    private static InetAddress outwardAddress(GatewayConfig config) {
        boolean v6Only = config.sip().listen().stream().allMatch(l -> l.address() instanceof Inet6Address);
        String probe = v6Only ? "2001:db8::1" : "192.0.2.1";
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(probe), 9));
            InetAddress local = s.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
        } catch (SocketException | java.net.UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    @Override
    public void close() {
        stop(plugins, jobs, proxyTimers, transport, relay, bindings, users, routes, metrics, records, hep, store);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", closeable, e.toString());
        }
    }

    /** Takes down what runs, in reverse order of start, and writes the bindings last so that none is lost. */
    private static void stop(Plugins plugins, Jobs jobs, ScheduledExecutorService proxyTimers, SipTransport transport,
                             MediaRelay relay, BindingRepository bindings, UserRepository users,
                             RouteRepository routes, Metrics metrics, CallRecords records,
                             AutoCloseable hep, Store store) {
        plugins.close();
        metrics.close();
        jobs.close();
        proxyTimers.shutdownNow();
        transport.close();
        if (relay != null) {
            relay.close();
        }
        int written = bindings.flush();
        records.flush();
        closeQuietly(hep);
        users.close();
        routes.close();
        store.close();
        LOG.info("Natterjack stopped ({} binding changes written at shutdown)", written);
    }
}
