package org.natterjack.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** IP literal helpers shared by configuration and SIP code. */
public final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IpLiterals() {
    }

    /** True for a dotted IPv4 address or an IPv6 address (with or without brackets); never resolves names. */
    public static boolean isLiteral(String host) {
        String h = stripBrackets(host);
        return IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+"));
    }

    public static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host as it appears in a SIP URI or Via: IPv6 in brackets, without a scope id. */
    public static String uriHost(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = text.indexOf('%');
            return "[" + (scope >= 0 ? text.substring(0, scope) : text) + "]";
        }
        return text;
    }
}
