package org.natterjack.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.natterjack.net.IpLiteral;

/**
 * The sections of the configuration file an operator may override at runtime, each with the keys that
 * apply only after a restart (like HikariCP's split of "tunable at runtime" and "fixed at start"): the
 * running components read every other key through {@link LiveConfig} at the moment they need it.
 */
public enum SettingsSection {

    REGISTRAR(RegistrarSettings.class, Set.of()) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            RegistrarSettings r = config.registrar();
            return object().put("min-expires", r.minExpires()).put("max-expires", r.maxExpires())
                    .put("default-expires", r.defaultExpires()).put("max-contacts", r.maxContacts());
        }
    },
    AUTH(AuthSettings.class, Set.of()) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            AuthSettings a = config.auth();
            ObjectNode node = object().put("required", a.required()).put("realm", a.realm());
            node.set("algorithms", strings(a.algorithms()));
            return node.put("nonce-lifetime-seconds", a.nonceLifetimeSeconds()).put("failure-limit", a.failureLimit())
                    .put("failure-window-seconds", a.failureWindowSeconds()).put("block-seconds", a.blockSeconds());
        }
    },
    NAT(NatSettings.class, Set.of()) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            NatSettings n = config.nat();
            return object().put("refresh-seconds", n.refreshSeconds()).put("keepalive-seconds", n.keepaliveSeconds())
                    .put("keepalive-failures", n.keepaliveFailures()).put("rewrite-contact", n.rewriteContact());
        }
    },
    PROXY(ProxySettings.class, Set.of()) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            ProxySettings p = config.proxy();
            ObjectNode node = object().put("timer-c-seconds", p.timerCSeconds())
                    .put("failover-seconds", p.failoverSeconds());
            node.set("trusted-peers", strings(p.trustedPeers().stream().map(Cidr::toString).toList()));
            return node;
        }
    },
    DNS(DnsSettings.class, Set.of("servers", "timeout-ms")) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            DnsSettings d = config.dns();
            ObjectNode node = object().put("foreign-domains", d.foreignDomains());
            node.set("servers", strings(d.servers().stream().map(SettingsSection::hostPort).toList()));
            return node.put("timeout-ms", d.timeoutMillis());
        }
    },
    RELAY(RelaySettings.class, Set.of("io-threads")) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            RelaySettings r = config.relay();
            ObjectNode node = object().put("enabled", r.enabled()).put("always-anchor", r.alwaysAnchor())
                    .put("port-min", r.portMin()).put("port-max", r.portMax());
            ArrayNode interfaces = node.putArray("interfaces");
            for (RelayInterfaceSettings i : r.interfaces()) {
                ObjectNode iface = interfaces.addObject().put("bind", i.bind().getHostAddress());
                i.advertise().ifPresent(a -> iface.put("advertise", a.getHostAddress()));
                if (i.portMin() != 0) {
                    iface.put("port-min", i.portMin()).put("port-max", i.portMax());
                }
            }
            return node.put("media-timeout-seconds", r.mediaTimeoutSeconds())
                    .put("hold-timeout-seconds", r.holdTimeoutSeconds())
                    .put("relatch-silence-seconds", r.relatchSilenceSeconds()).put("io-threads", r.ioThreads());
        }
    },
    SIP(SipSettings.class, Set.of("listen", "domains", "advertise", "max-message-bytes", "max-headers")) {
        @Override
        public ObjectNode read(GatewayConfig config) {
            SipSettings s = config.sip();
            ObjectNode node = object();
            node.set("listen", strings(s.listen().stream().map(ListenAddress::toString).toList()));
            node.set("domains", strings(s.domains()));
            s.advertise().map(InetAddress::getHostAddress).ifPresentOrElse(a -> node.put("advertise", a),
                    () -> node.putNull("advertise"));
            return node.put("max-message-bytes", s.maxMessageBytes()).put("max-headers", s.maxHeaders())
                    .put("source-rate-limit", s.sourceRateLimit())
                    .put("overload-queue-delay-ms", s.overloadQueueDelayMs());
        }
    };

    private final Class<?> type;
    private final Set<String> restartKeys;

    SettingsSection(Class<?> type, Set<String> restartKeys) {
        this.type = type;
        this.restartKeys = restartKeys;
    }

    /**
     * The section's values in {@code config}, with the keys and value forms of the configuration file; a fresh
     * object the caller may change.
     */
    public abstract ObjectNode read(GatewayConfig config);

    /** The name in the configuration file ({@code registrar}, {@code nat}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if a change of {@code field} reaches the running gateway only when it starts again. */
    public boolean needsRestart(String field) {
        return restartKeys.contains(field);
    }

    Class<?> type() {
        return type;
    }

    public static Optional<SettingsSection> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String hostPort(InetSocketAddress address) {
        return IpLiteral.uriHost(address.getAddress()) + ":" + address.getPort();
    }
}
