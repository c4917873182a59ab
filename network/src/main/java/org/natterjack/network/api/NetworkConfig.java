package org.natterjack.network.api;

import java.util.List;
import java.util.Objects;

/**
 * The network settings an operator chooses (the body of {@code PUT /api/v1/network}): which links, and DHCP or a
 * static address. Values are as typed; {@link NetworkApi#apply} validates them and answers every refused field.
 *
 * @param interfaces whitespace-separated interface name globs ({@code Name=} of systemd.network); blank: every
 *     Ethernet port ({@value #ALL_ETHERNET})
 * @param mode {@code dhcp} or {@code static}
 * @param address static only: IPv4 address with prefix length, {@code 192.0.2.10/24}
 * @param gateway static only: IPv4 default gateway, inside the address's subnet
 * @param address6 static only, optional: IPv6 address with prefix length, {@code 2001:db8::10/64}
 * @param gateway6 static only, optional: IPv6 default gateway (link-local or inside address6's prefix)
 * @param dns static only: 1 to 3 DNS server addresses (IPv4 or IPv6)
 * @param ntp static only, optional: up to 3 NTP servers (names or addresses)
 */
public record NetworkConfig(String interfaces, String mode, String address, String gateway, String address6,
                            String gateway6, List<String> dns, List<String> ntp) {

    public static final String ALL_ETHERNET = "en* eth*";
    public static final String DHCP = "dhcp";
    public static final String STATIC = "static";

    /** Absent (null) values become empty, so that a JSON body may leave out what it does not set. */
    public NetworkConfig {
        interfaces = Objects.requireNonNullElse(interfaces, "");
        mode = Objects.requireNonNullElse(mode, "");
        address = Objects.requireNonNullElse(address, "");
        gateway = Objects.requireNonNullElse(gateway, "");
        address6 = Objects.requireNonNullElse(address6, "");
        gateway6 = Objects.requireNonNullElse(gateway6, "");
        dns = dns == null ? List.of() : List.copyOf(dns);
        ntp = ntp == null ? List.of() : List.copyOf(ntp);
    }

    /** What the appliance does without a stored file: DHCP on every Ethernet port (80-dhcp.network). */
    public static NetworkConfig dhcpEverywhere() {
        return dhcp(ALL_ETHERNET);
    }

    public static NetworkConfig dhcp(String interfaces) {
        return new NetworkConfig(interfaces, DHCP, "", "", "", "", List.of(), List.of());
    }

    public boolean isStatic() {
        return STATIC.equals(mode);
    }
}
