package org.natterjack.admin;

import java.util.Optional;
import org.natterjack.cluster.NodeRegistry;
import org.natterjack.location.NodeId;

import java.time.Clock;
import java.util.function.Predicate;
import org.natterjack.capture.SipCapture;
import org.natterjack.cdr.CallHistory;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.logging.RecentLogs;
import org.natterjack.media.relay.RelayStatus;
import org.natterjack.location.LocationService;
import org.natterjack.status.GatewayStatus;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.RouteRepository;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.UserRepository;

/** The {@link AdminApi} of the running gateway, on its repositories, location service, relay and proxy. */
public final class CoreAdmin implements AdminApi {

    private final SipUsers users;
    private final Registrations registrations;
    private final ActiveCalls calls;
    private final CallHistory callHistory;
    private final SipCapture capture;
    private final RoutingRules routes;
    private final RingGroups groups;
    private final Logs logs = new RecentLogView(RecentLogs.installed());
    private final GatewayStatus status;
    private final Settings settings;
    private final Backup backup;
    private final Nodes nodes;

    /**
     * @param file the configuration file's settings (command-line options included), before overrides
     * @param live the running configuration ({@code auth.realm} for accounts without a domain,
     *     {@code registrar.max-contacts})
     * @param overrides where the operator's settings overrides are kept
     * @param hangUp ends the answered call of a Call-ID with a BYE to both parties; false if there is none
     */
    public CoreAdmin(UserRepository users, RouteRepository routes, GroupRepository groups, LocationService location,
                     GatewayStatus status, Predicate<String> hangUp, GatewayConfig file, LiveConfig live,
                     SettingsRepository overrides, Backup backup, CallHistory callHistory, SipCapture capture,
                     Optional<NodeRegistry> registry, NodeId self, Clock clock) {
        this.nodes = new RegistryNodes(registry, self);
        this.users = new StoreSipUsers(users, () -> live.auth().realm(), () -> live.registrar().maxContacts());
        this.settings = new OverriddenSettings(file, live, overrides);
        this.backup = backup;
        this.registrations = new LiveRegistrations(location, clock);
        this.calls = new RelayCalls(status, hangUp);
        this.callHistory = callHistory;
        this.capture = capture;
        this.routes = new StoreRoutingRules(routes);
        this.groups = new StoreRingGroups(groups, routes);
        this.status = status;
    }

    @Override
    public Nodes nodes() {
        return nodes;
    }

    @Override
    public SipUsers users() {
        return users;
    }

    @Override
    public Registrations registrations() {
        return registrations;
    }

    @Override
    public ActiveCalls calls() {
        return calls;
    }

    @Override
    public CallHistory callHistory() {
        return callHistory;
    }

    @Override
    public SipCapture capture() {
        return capture;
    }

    @Override
    public RoutingRules routes() {
        return routes;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Backup backup() {
        return backup;
    }

    @Override
    public RingGroups groups() {
        return groups;
    }

    @Override
    public Logs logs() {
        return logs;
    }

    @Override
    public GatewaySummary status() {
        RelayStatus relay = status.relay();
        return new GatewaySummary(status.version(), status.uptime(), status.registrations(), relay.sessions(),
                relay.packetsPerSecond(), relay.bitsPerSecond(), relay.interfaces().stream()
                .map(i -> new GatewaySummary.RelayPorts(i.bind(), i.advertised(), i.pairsFree(), i.pairsTotal()))
                .toList(), status.callsRefusedOverloaded());
    }
}
