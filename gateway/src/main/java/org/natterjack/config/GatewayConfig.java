package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/** Everything the gateway process needs at start. Built and validated once by {@link ConfigLoader}. */
public record GatewayConfig(Path dataDir, SipSettings sip, RegistrarSettings registrar, AuthSettings auth,
                            NatSettings nat, ProxySettings proxy, DnsSettings dns, RelaySettings relay,
                            WebSocketSettings websocket, MetricsSettings metrics, CdrSettings cdr,
                            CaptureSettings capture, PluginSettings plugins, StoreSettings store,
                            NodeSettings node) {

    /**
     * The store's directory when neither the command line nor the configuration file names one:
     * {@code NATTERJACK_DATA_DIR} (the Debian package sets it to /var/lib/natterjack), else {@code ./data}.
     */
    public static final Path DEFAULT_DATA_DIR = Path.of(System.getenv().getOrDefault("NATTERJACK_DATA_DIR", "data"));

    /**
     * The configuration file every command reads when {@code --config} names none: {@code NATTERJACK_CONFIG} (the
     * Debian package sets it to the service's, so that {@code natterjack user add} on a node of a shared store edits
     * that store, not a local file); none when unset.
     */
    public static final Path DEFAULT_CONFIG = Optional.ofNullable(System.getenv("NATTERJACK_CONFIG"))
            .filter(s -> !s.isBlank()).map(Path::of).orElse(null);

    public GatewayConfig {
        if (nat.refreshSeconds() < registrar.minExpires()) {
            throw new IllegalArgumentException("nat.refresh-seconds (" + nat.refreshSeconds()
                    + ") must not be below registrar.min-expires (" + registrar.minExpires()
                    + "): NATed clients could not register at all");
        }
    }

    public static GatewayConfig defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @JsonCreator
    static GatewayConfig of(@JsonProperty("data-dir") String dataDir,
                            @JsonProperty("sip") SipSettings sip,
                            @JsonProperty("registrar") RegistrarSettings registrar,
                            @JsonProperty("auth") AuthSettings auth,
                            @JsonProperty("nat") NatSettings nat,
                            @JsonProperty("proxy") ProxySettings proxy,
                            @JsonProperty("dns") DnsSettings dns,
                            @JsonProperty("relay") RelaySettings relay,
                            @JsonProperty("websocket") WebSocketSettings websocket,
                            @JsonProperty("metrics") MetricsSettings metrics,
                            @JsonProperty("cdr") CdrSettings cdr,
                            @JsonProperty("capture") CaptureSettings capture,
                            @JsonProperty("plugins") PluginSettings plugins,
                            @JsonProperty("store") StoreSettings store,
                            @JsonProperty("node") NodeSettings node) {
        return new GatewayConfig(
                dataDir == null ? DEFAULT_DATA_DIR : Path.of(dataDir),
                sip == null ? SipSettings.defaults() : sip,
                registrar == null ? RegistrarSettings.defaults() : registrar,
                auth == null ? AuthSettings.defaults() : auth,
                nat == null ? NatSettings.defaults() : nat,
                proxy == null ? ProxySettings.defaults() : proxy,
                dns == null ? DnsSettings.defaults() : dns,
                relay == null ? RelaySettings.defaults() : relay,
                websocket == null ? WebSocketSettings.defaults() : websocket,
                metrics == null ? MetricsSettings.defaults() : metrics,
                cdr == null ? CdrSettings.defaults() : cdr,
                capture == null ? CaptureSettings.defaults() : capture,
                plugins == null ? PluginSettings.none() : plugins,
                store == null ? StoreSettings.defaults() : store,
                node == null ? NodeSettings.defaults() : node);
    }

    public GatewayConfig withDataDir(Path dir) {
        return new GatewayConfig(dir, sip, registrar, auth, nat, proxy, dns, relay, websocket, metrics, cdr,
                capture, plugins, store, node);
    }

    public GatewayConfig withPlugins(PluginSettings newPlugins) {
        return new GatewayConfig(dataDir, sip, registrar, auth, nat, proxy, dns, relay, websocket, metrics, cdr,
                capture, newPlugins, store, node);
    }

    public GatewayConfig withSip(SipSettings newSip) {
        return new GatewayConfig(dataDir, newSip, registrar, auth, nat, proxy, dns, relay, websocket, metrics, cdr,
                capture, plugins, store, node);
    }
}
