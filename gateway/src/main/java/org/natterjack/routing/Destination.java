package org.natterjack.routing;

import java.util.Locale;
import org.natterjack.net.IpLiteral;

/**
 * Where a routing rule sends a call. Written {@code user:NAME}, {@code hop:HOST:PORT[;transport=T]},
 * {@code reject:CODE}, {@code redirect:NAME}, {@code trunk:NAME} or {@code group:NAME}.
 */
public sealed interface Destination {

    /** A local user: the request goes to that user's registered contacts. */
    record LocalUser(String user) implements Destination {
    }

    /** A static next hop (a peer proxy, a PBX, a carrier): the request is forwarded there. */
    record NextHop(String host, int port, String transport) implements Destination {
    }

    /** Refused with this status. */
    record Reject(int status) implements Destination {
    }

    /** Answered 302 with the NAT binding addresses of a local user, for peers that route by themselves. */
    record Redirect(String user) implements Destination {
    }

    /** A telephone line of the PSTN plug-in; see {@link TrunkResolver}. Names are lower-case words. */
    record Trunk(String name) implements Destination {
        public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,31}");

        public Trunk {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("trunk name '" + name
                        + "' is not a lower-case word (a-z, 0-9, _; at most 32, starting with a letter)");
            }
        }
    }

    /** A {@link RingGroup} of local users, looked up by name when a call comes. Names are lower-case words. */
    record Group(String name) implements Destination {
        public Group {
            if (!Trunk.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("group name '" + name
                        + "' is not a lower-case word (a-z, 0-9, _; at most 32, starting with a letter)");
            }
        }
    }

    /** As an operator writes it: {@code user:alice}, {@code hop:10.0.0.1:5060;transport=tcp}, ... */
    default String text() {
        if (this instanceof LocalUser u) {
            return "user:" + u.user();
        } else if (this instanceof NextHop h) {
            return "hop:" + h.host() + ":" + h.port() + ";transport=" + h.transport();
        } else if (this instanceof Reject r) {
            return "reject:" + r.status();
        } else if (this instanceof Redirect r) {
            return "redirect:" + r.user();
        } else if (this instanceof Trunk t) {
            return "trunk:" + t.name();
        }
        return "group:" + ((Group) this).name();
    }

    static Destination parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("destination '" + text + "' is not KIND:VALUE");
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("destination '" + text + "' has no value");
        }
        return switch (kind) {
            case "user" -> new LocalUser(value);
            case "redirect" -> new Redirect(value);
            case "reject" -> reject(value);
            case "hop" -> hop(value);
            case "trunk" -> new Trunk(value);
            case "group" -> new Group(value);
            default -> throw new IllegalArgumentException("destination kind '" + kind
                    + "' is not one of user, hop, reject, redirect, trunk, group");
        };
    }

    private static Reject reject(String value) {
        try {
            int status = Integer.parseInt(value);
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("reject status " + status + " is not 400-699");
            }
            return new Reject(status);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reject needs a status code, not '" + value + "'");
        }
    }

    private static NextHop hop(String value) {
        String transport = "udp";
        String hostPort = value;
        int semi = value.indexOf(';');
        if (semi >= 0) {
            hostPort = value.substring(0, semi);
            String param = value.substring(semi + 1).toLowerCase(Locale.ROOT);
            if (!param.matches("transport=(udp|tcp)")) {
                throw new IllegalArgumentException("hop parameter '" + param + "' is not transport=udp|tcp");
            }
            transport = param.substring("transport=".length());
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
        int port = 5060;
        if (colon > 0 && !hostPort.endsWith("]")) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hop port in '" + value + "' is not a number");
            }
        }
        if (port < 1 || port > 65535 || host.isBlank()) {
            throw new IllegalArgumentException("hop '" + value + "' is not HOST:PORT");
        }
        return new NextHop(IpLiteral.stripBrackets(host), port, transport);
    }
}
