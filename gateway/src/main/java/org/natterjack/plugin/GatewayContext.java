package org.natterjack.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.admin.AdminApi;
import org.natterjack.admission.Admission;
import org.natterjack.alarms.Alarms;
import org.natterjack.location.NodeId;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.metrics.Metrics;
import org.natterjack.net.SipConnections;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkResolver;
import org.natterjack.store.Store;

/** What the core lends a plug-in while it runs: one context per plug-in. */
public interface GatewayContext {

    Clock clock();

    /** The data directory (the store lives there); a plug-in may keep its own files in a subdirectory. */
    Path dataDir();

    /**
     * The plug-in's configuration section ({@code plugins.NAME}) bound to {@code type}; an absent section binds
     * like an empty one, so the record's defaults apply.
     *
     * @throws org.natterjack.config.ConfigException naming a wrong or unknown setting
     */
    <T> T settings(Class<T> type);

    /** The store; plug-ins keep their tables in it, created by their own Flyway migrations. */
    Store store();

    /** This gateway's name in the store: {@code node.name} when the store is shared, {@link NodeId#LOCAL} alone. */
    NodeId node();

    /** The administration API: users, registrations, calls, routing rules, status (for the web admin). */
    AdminApi admin();

    /**
     * The drain switch: while it is on, new calls get 503 with Retry-After (the upgrade agent turns it on before
     * it switches slots, and off when the upgrade fails). One per gateway, shared by every plug-in.
     */
    Admission admission();

    /** The current routing table (cheap to call: it is rebuilt only when the rules change). */
    Supplier<RoutingTable> routing();

    /**
     * Where a peer on this host (Asterisk) sends SIP requests to the gateway: a listen address, with a wildcard
     * address replaced by loopback.
     */
    InetSocketAddress sipAddress();

    /** The local SIP domains the operator configured ({@code sip.domains}), in order; may be empty. */
    List<String> domains();

    /** True if requests from {@code address} need no authentication ({@code proxy.trusted-peers}). */
    boolean isTrustedPeer(InetAddress address);

    /** Makes {@code resolver} answer for {@code trunk:NAME} routes until the plug-in stops (one per gateway). */
    void provideTrunks(TrunkResolver resolver);

    /**
     * Runs {@code task} every {@code interval} on the gateway's job scheduler (as job {@code NAME.name}) while
     * the plug-in runs. The task should be short; it runs on a small shared pool.
     */
    void every(Duration interval, String name, Runnable task);

    /** Adds the plug-in's part to the configuration backup (and its restore) while the plug-in runs. */
    void contributeBackup(BackupPart part);

    /** Offers {@code service} to the other plug-ins (the web admin finds the PSTN adapter's API so). */
    <T> void publish(Class<T> type, T service);

    /**
     * Takes back the service this plug-in published as {@code type} (a part of it that stopped while the plug-in
     * runs on); others no longer find it. Nothing happens if this plug-in published none.
     */
    void withdraw(Class<?> type);

    /**
     * SIP connections the plug-in carries itself (a tunnel session's SIP), seen by the SIP layer as TCP flows.
     *
     * @throws IllegalStateException if the gateway listens on no TCP socket
     */
    SipConnections sipConnections();

    /** The SIP accounts' HA1 and the authentication throttle, for a plug-in that logs SIP users in. */
    SipCredentials sipCredentials();

    /** The media relay's streams, for a plug-in that carries a party's media itself (a tunnel session's). */
    MediaCarriers mediaCarriers();

    /**
     * The gateway's meters: a plug-in registers its own ({@code natterjack.*}, no per-user labels) in
     * {@link Metrics#registry()}; the web admin serves {@link Metrics#scrape()}.
     */
    Metrics metrics();

    /**
     * The alarms: a plug-in raises and clears its own conditions (named {@code NAME.what}, e.g.
     * {@code pstn.asterisk-link}) and clears them when its part stops.
     */
    Alarms alarms();

    /** A service another plug-in published, if it runs. */
    <T> Optional<T> lookup(Class<T> type);
}
