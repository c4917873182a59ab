package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The media relay, fixed at start.
 *
 * @param enabled false: the proxy never anchors media (the gateway only does signalling)
 * @param alwaysAnchor anchor every call, not only calls with a party behind NAT
 * @param portMin first UDP port of the default range (an RTP/RTCP pair is an even port and the next)
 * @param portMax last UDP port of the default range
 * @param interfaces where the relay binds and what it advertises; at most one per address family, so an
 *     IPv4 and an IPv6 interface give v4/v6 bridging
 * @param mediaTimeoutSeconds an answered call whose media has been silent this long is ended (BYE to both
 *     parties); 0 turns this off
 * @param holdTimeoutSeconds the same for a call on hold (no or one-way media is normal there); 0 = off
 * @param relatchSilenceSeconds a party's media source may move (NAT rebinding) only after the old source has
 *     been silent this long, or when signalling announces a change; protects against RTP hijacking
 * @param ioThreads threads forwarding packets (each serves a share of the calls without blocking)
 */
public record RelaySettings(boolean enabled, boolean alwaysAnchor, int portMin, int portMax,
                            List<RelayInterfaceSettings> interfaces, int mediaTimeoutSeconds,
                            int holdTimeoutSeconds, int relatchSilenceSeconds, int ioThreads) {

    public RelaySettings {
        interfaces = List.copyOf(interfaces);
        checkRange(portMin, portMax, "relay.port-min", "relay.port-max");
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("relay.interfaces: at least one interface is needed");
        }
        if (interfaces.stream().filter(RelayInterfaceSettings::isV6).count() > 1
                || interfaces.stream().filter(i -> !i.isV6()).count() > 1) {
            throw new IllegalArgumentException("relay.interfaces: at most one IPv4 and one IPv6 interface");
        }
        if (interfaces.size() == 2 && overlap(interfaces.get(0), interfaces.get(1), portMin, portMax)) {
            throw new IllegalArgumentException("relay.interfaces: binding :: also takes the IPv4 ports;"
                    + " give the IPv6 interface its own port-min/port-max or bind a concrete IPv6 address");
        }
        if (mediaTimeoutSeconds < 0) {
            throw new IllegalArgumentException("relay.media-timeout-seconds must be 0 (off) or positive");
        }
        if (holdTimeoutSeconds < 0) {
            throw new IllegalArgumentException("relay.hold-timeout-seconds must be 0 (off) or positive");
        }
        if (relatchSilenceSeconds < 1 || relatchSilenceSeconds > 3600) {
            throw new IllegalArgumentException("relay.relatch-silence-seconds must be between 1 and 3600");
        }
        if (ioThreads < 1 || ioThreads > 16) {
            throw new IllegalArgumentException("relay.io-threads must be between 1 and 16");
        }
    }

    /** The port range of an interface: its own, else the default one. */
    public int portMin(RelayInterfaceSettings iface) {
        return iface.portMin() != 0 ? iface.portMin() : portMin;
    }

    public int portMax(RelayInterfaceSettings iface) {
        return iface.portMax() != 0 ? iface.portMax() : portMax;
    }

    static void checkRange(int min, int max, String minKey, String maxKey) {
        if (min < 1024 || min > 65534) {
            throw new IllegalArgumentException(minKey + " must be between 1024 and 65534");
        }
        if (max < 1025 || max > 65535) {
            throw new IllegalArgumentException(maxKey + " must be between 1025 and 65535");
        }
        int firstEven = min + (min & 1);
        if (firstEven + 1 > max) {
            throw new IllegalArgumentException(maxKey + " (" + max + ") leaves no even/odd port pair above "
                    + minKey + " (" + min + ")");
        }
    }

    private static boolean overlap(RelayInterfaceSettings a, RelayInterfaceSettings b, int min, int max) {
        RelayInterfaceSettings v6 = a.isV6() ? a : b;
        if (!v6.bind().isAnyLocalAddress()) {
            return false;
        }
        RelayInterfaceSettings v4 = a.isV6() ? b : a;
        int min6 = v6.portMin() != 0 ? v6.portMin() : min;
        int max6 = v6.portMax() != 0 ? v6.portMax() : max;
        int min4 = v4.portMin() != 0 ? v4.portMin() : min;
        int max4 = v4.portMax() != 0 ? v4.portMax() : max;
        return min6 <= max4 && min4 <= max6;
    }

    public static RelaySettings defaults() {
        return of(null, null, null, null, null, null, null, null, null);
    }

    @JsonCreator
    static RelaySettings of(@JsonProperty("enabled") Boolean enabled,
                            @JsonProperty("always-anchor") Boolean alwaysAnchor,
                            @JsonProperty("port-min") Integer portMin,
                            @JsonProperty("port-max") Integer portMax,
                            @JsonProperty("interfaces") List<RelayInterfaceSettings> interfaces,
                            @JsonProperty("media-timeout-seconds") Integer mediaTimeoutSeconds,
                            @JsonProperty("hold-timeout-seconds") Integer holdTimeoutSeconds,
                            @JsonProperty("relatch-silence-seconds") Integer relatchSilenceSeconds,
                            @JsonProperty("io-threads") Integer ioThreads) {
        return new RelaySettings(
                enabled == null || enabled,
                alwaysAnchor != null && alwaysAnchor,
                portMin == null ? 20000 : portMin,
                portMax == null ? 29999 : portMax,
                interfaces == null ? List.of(RelayInterfaceSettings.anyV4()) : interfaces,
                mediaTimeoutSeconds == null ? 60 : mediaTimeoutSeconds,
                holdTimeoutSeconds == null ? 3600 : holdTimeoutSeconds,
                relatchSilenceSeconds == null ? 5 : relatchSilenceSeconds,
                ioThreads == null ? 1 : ioThreads);
    }
}
