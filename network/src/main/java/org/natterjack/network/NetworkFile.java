package org.natterjack.network;

import java.util.ArrayList;
import java.util.List;
import org.natterjack.network.api.NetworkConfig;

/**
 * The settings as a systemd.network(5) file and back. The name sorts before the image's
 * {@code 80-dhcp.network}: networkd applies the first file in alphanumeric order whose {@code [Match]} fits a
 * link, over /etc, /run and /usr/lib together, so this file wins for the links it names and the others keep
 * DHCP. Only the keys written here are read back (and only those are accepted by the root-side
 * {@code network-apply} script).
 */
final class NetworkFile {

    /** The stored file's name in the plug-in's directory and in /run/systemd/network. */
    static final String NAME = "50-natterjack.network";

    private NetworkFile() {
    }

    /** The file for settings that passed {@link NetworkValidation}. */
    static String render(NetworkConfig c) {
        StringBuilder s = new StringBuilder();
        s.append("# Natterjack's network settings (web admin, Network page; or by hand, see docs/appliance.md).\n");
        s.append("# Copied to /run/systemd/network at boot; sorts before 80-dhcp.network, so it wins for these links.\n");
        s.append("[Match]\n");
        s.append("Name=").append(c.interfaces()).append('\n');
        s.append('\n');
        s.append("[Network]\n");
        if (!c.isStatic()) {
            s.append("DHCP=yes\n");
            return s.toString();
        }
        line(s, "Address", c.address());
        line(s, "Gateway", c.gateway());
        line(s, "Address", c.address6());
        line(s, "Gateway", c.gateway6());
        c.dns().forEach(d -> line(s, "DNS", d));
        c.ntp().forEach(n -> line(s, "NTP", n));
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        if (!value.isEmpty()) {
            s.append(key).append('=').append(value).append('\n');
        }
    }

    /**
     * Reads a file this class wrote, or one written by hand with the same keys; other keys and sections are
     * ignored. An IPv6 {@code Address=}/{@code Gateway=} is told apart by its colon.
     */
    static NetworkConfig parse(String text) {
        String interfaces = "";
        boolean dhcp = false;
        String address = "";
        String gateway = "";
        String address6 = "";
        String gateway6 = "";
        List<String> dns = new ArrayList<>();
        List<String> ntp = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || line.startsWith(";") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            boolean v6 = value.contains(":");
            switch (key) {
                case "Name" -> interfaces = value;
                case "DHCP" -> dhcp = !value.equals("no") && !value.equals("false") && !value.equals("0");
                case "Address" -> {
                    if (v6) {
                        address6 = value;
                    } else {
                        address = value;
                    }
                }
                case "Gateway" -> {
                    if (v6) {
                        gateway6 = value;
                    } else {
                        gateway = value;
                    }
                }
                case "DNS" -> dns.addAll(List.of(value.split("\\s+")));
                case "NTP" -> ntp.addAll(List.of(value.split("\\s+")));
                default -> {
                    // not one of ours
                }
            }
        }
        if (dhcp || address.isEmpty() && address6.isEmpty()) {
            return NetworkConfig.dhcp(interfaces);
        }
        return new NetworkConfig(interfaces, NetworkConfig.STATIC, address, gateway, address6, gateway6, dns, ntp);
    }
}
