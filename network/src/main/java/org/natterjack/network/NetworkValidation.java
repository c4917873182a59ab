package org.natterjack.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.natterjack.network.api.FieldError;
import org.natterjack.network.api.NetworkConfig;

/**
 * Checks a {@link NetworkConfig} field by field and gives it back normalised (trimmed, blank list entries
 * dropped, the default interfaces filled in), or every refused field. Only what passes here reaches
 * {@link NetworkFile#render}, so no value can carry a line break or a second key into the file.
 */
final class NetworkValidation {

    /** A result: the normalised settings, or the refused fields (then the settings are the input). */
    record Result(NetworkConfig config, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    static final int MIN_PREFIX = 8;
    static final int MAX_PREFIX = 30;
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.:*?\\[\\]-]{1,15}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final List<FieldError> errors = new ArrayList<>();

    private NetworkValidation() {
    }

    static Result check(NetworkConfig in) {
        return new NetworkValidation().run(in);
    }

    private Result run(NetworkConfig in) {
        String interfaces = in.interfaces().strip().replaceAll("\\s+", " ");
        if (interfaces.isEmpty()) {
            interfaces = NetworkConfig.ALL_ETHERNET;
        }
        checkInterfaces(interfaces);
        String mode = in.mode().strip();
        List<String> dns = entries(in.dns());
        List<String> ntp = entries(in.ntp());
        NetworkConfig out;
        if (NetworkConfig.DHCP.equals(mode)) {
            onlyStatic("address", in.address());
            onlyStatic("gateway", in.gateway());
            onlyStatic("address6", in.address6());
            onlyStatic("gateway6", in.gateway6());
            onlyStatic("dns", String.join(" ", dns));
            onlyStatic("ntp", String.join(" ", ntp));
            out = NetworkConfig.dhcp(interfaces);
        } else if (NetworkConfig.STATIC.equals(mode)) {
            out = new NetworkConfig(interfaces, mode, in.address().strip(), in.gateway().strip(),
                    in.address6().strip(), in.gateway6().strip(), dns, ntp);
            checkStatic(out);
        } else {
            refuse("mode", "must be dhcp or static, not '" + in.mode() + "'");
            out = in;
        }
        return new Result(errors.isEmpty() ? out : in, List.copyOf(errors));
    }

    private void checkInterfaces(String interfaces) {
        String[] globs = interfaces.split(" ");
        if (globs.length > 8) {
            refuse("interfaces", "at most 8 names or patterns, not " + globs.length);
        }
        for (String g : globs) {
            if (!GLOB.matcher(g).matches()) {
                refuse("interfaces", "'" + g + "' is not an interface name or pattern (up to 15 of A-Z a-z 0-9"
                        + " _ . : - and the wildcards * ? [ ])");
                return;
            }
        }
    }

    private void onlyStatic(String field, String value) {
        if (!value.isBlank()) {
            refuse(field, "only for mode static (mode is dhcp)");
        }
    }

    private void checkStatic(NetworkConfig c) {
        checkIpv4(c.address(), c.gateway());
        checkIpv6(c.address6(), c.gateway6());
        if (c.dns().isEmpty() || c.dns().size() > 3) {
            refuse("dns", "1 to 3 DNS server addresses, not " + c.dns().size());
        }
        for (String d : c.dns()) {
            Optional<InetAddress> a = Addresses.ip(d);
            if (a.isEmpty()) {
                refuse("dns", "'" + d + "' is not an IPv4 or IPv6 address");
            } else if (a.get().isAnyLocalAddress() || a.get().isMulticastAddress() || a.get().isLoopbackAddress()) {
                refuse("dns", d + " cannot be a DNS server (unspecified, multicast or loopback)");
            }
        }
        if (c.ntp().size() > 3) {
            refuse("ntp", "at most 3 NTP servers, not " + c.ntp().size());
        }
        for (String n : c.ntp()) {
            if (Addresses.ip(n).isEmpty() && (!HOST_NAME.matcher(n).matches() || n.matches("[0-9.]+"))) {
                refuse("ntp", "'" + n + "' is neither a host name nor an IP address");
            }
        }
    }

    private void checkIpv4(String address, String gateway) {
        if (address.isEmpty()) {
            refuse("address", "required for mode static, as address/prefix (192.0.2.10/24)");
            return;
        }
        Optional<String[]> parts = Addresses.withPrefix(address);
        Optional<Inet4Address> ip = parts.flatMap(p -> Addresses.ipv4(p[0]));
        if (ip.isEmpty()) {
            refuse("address", "'" + address + "' is not an IPv4 address with prefix length (192.0.2.10/24)");
            return;
        }
        int prefix = Integer.parseInt(parts.get()[1]);
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            refuse("address", "prefix length must be " + MIN_PREFIX + " to " + MAX_PREFIX + ", not /" + prefix);
            return;
        }
        int a = Addresses.toInt(ip.get());
        int mask = Addresses.mask(prefix);
        int network = a & mask;
        int broadcast = network | ~mask;
        String subnet = Addresses.dotted(network) + "/" + prefix;
        if (unusable(ip.get())) {
            refuse("address", parts.get()[0] + " cannot be a host's address (0.0.0.0/8, loopback, link-local,"
                    + " multicast or reserved)");
            return;
        }
        if (a == network) {
            refuse("address", parts.get()[0] + " is the network address of " + subnet);
            return;
        }
        if (a == broadcast) {
            refuse("address", parts.get()[0] + " is the broadcast address of " + subnet);
            return;
        }
        if (gateway.isEmpty()) {
            refuse("gateway", "required for mode static (an IPv4 address in " + subnet + ")");
            return;
        }
        Optional<Inet4Address> gw = Addresses.ipv4(gateway);
        if (gw.isEmpty()) {
            refuse("gateway", "'" + gateway + "' is not an IPv4 address");
            return;
        }
        int g = Addresses.toInt(gw.get());
        if ((g & mask) != network) {
            refuse("gateway", gateway + " is not in the address's subnet " + subnet);
        } else if (g == a) {
            refuse("gateway", gateway + " is the appliance's own address");
        } else if (g == network || g == broadcast) {
            refuse("gateway", gateway + " is the " + (g == network ? "network" : "broadcast") + " address of "
                    + subnet);
        }
    }

    private static boolean unusable(Inet4Address a) {
        int first = a.getAddress()[0] & 0xff;
        return first == 0 || a.isLoopbackAddress() || a.isLinkLocalAddress() || first >= 224;
    }

    private void checkIpv6(String address6, String gateway6) {
        if (address6.isEmpty()) {
            if (!gateway6.isEmpty()) {
                refuse("gateway6", "needs an IPv6 address (address6)");
            }
            return;
        }
        Optional<String[]> parts = Addresses.withPrefix(address6);
        Optional<Inet6Address> ip = parts.flatMap(p -> Addresses.ipv6(p[0]));
        if (ip.isEmpty()) {
            refuse("address6", "'" + address6 + "' is not an IPv6 address with prefix length (2001:db8::10/64)");
            return;
        }
        int prefix = Integer.parseInt(parts.get()[1]);
        if (prefix < 1 || prefix > 128) {
            refuse("address6", "prefix length must be 1 to 128, not /" + prefix);
            return;
        }
        Inet6Address a = ip.get();
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            refuse("address6", parts.get()[0] + " cannot be a static address (unspecified, loopback, link-local"
                    + " or multicast)");
            return;
        }
        if (gateway6.isEmpty()) {
            return;
        }
        Optional<Inet6Address> gw = Addresses.ipv6(gateway6);
        if (gw.isEmpty()) {
            refuse("gateway6", "'" + gateway6 + "' is not an IPv6 address");
        } else if (gw.get().equals(a)) {
            refuse("gateway6", gateway6 + " is the appliance's own address");
        } else if (gw.get().isMulticastAddress() || gw.get().isAnyLocalAddress() || gw.get().isLoopbackAddress()) {
            refuse("gateway6", gateway6 + " cannot be a gateway (unspecified, loopback or multicast)");
        } else if (!gw.get().isLinkLocalAddress() && !Addresses.inPrefix(gw.get(), a, prefix)) {
            refuse("gateway6", gateway6 + " is neither link-local (fe80::/10) nor in " + address6);
        }
    }

    private static List<String> entries(List<String> values) {
        return values.stream().map(v -> v == null ? "" : v.strip()).filter(v -> !v.isEmpty()).toList();
    }

    private void refuse(String field, String message) {
        errors.add(new FieldError(field, field + ": " + message));
    }
}
