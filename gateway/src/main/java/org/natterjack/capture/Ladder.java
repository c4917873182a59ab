package org.natterjack.capture;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence diagram of captured messages, as sngrep draws it: the parties as columns (the gateway is one, for all
 * its addresses), each message an arrow from its sender to its receiver. Parties are named by what they did: the
 * first to send an INVITE (or a REGISTER) is the caller (the phone), those the gateway sent an INVITE to are
 * callees; anyone else is a peer.
 *
 * @param parties left to right: the caller, the gateway, the callees, the others
 */
public record Ladder(List<Party> parties, List<Arrow> arrows) {

    public static final String GATEWAY = "Natterjack";

    /** A column: a role and, but for the gateway, the address. */
    public record Party(String name, String address) {
    }

    /**
     * One message.
     *
     * @param from the sending party's index in {@link #parties()}
     * @param after the time since the first message
     */
    public record Arrow(int from, int to, String label, Duration after, CapturedMessage message) {
    }

    public static Ladder of(List<CapturedMessage> messages) {
        Map<InetSocketAddress, String> roles = new LinkedHashMap<>();
        for (CapturedMessage m : messages) {
            String line = m.firstLine();
            if (!m.sent() && (line.startsWith("INVITE ") || line.startsWith("REGISTER "))) {
                roles.putIfAbsent(m.remote(), line.startsWith("INVITE ") ? "caller" : "phone");
            }
        }
        for (CapturedMessage m : messages) {
            if (m.sent() && m.firstLine().startsWith("INVITE ")) {
                roles.putIfAbsent(m.remote(), "callee");
            }
        }
        for (CapturedMessage m : messages) {
            roles.putIfAbsent(m.remote(), "peer");
        }
        List<Party> parties = new ArrayList<>();
        List<InetSocketAddress> columns = new ArrayList<>();
        for (String role : List.of("caller", "phone")) {
            roles.forEach((address, r) -> {
                if (r.equals(role)) {
                    parties.add(new Party(role, text(address)));
                    columns.add(address);
                }
            });
        }
        int gateway = parties.size();
        parties.add(new Party(GATEWAY, ""));
        columns.add(null);
        for (String role : List.of("callee", "peer")) {
            roles.forEach((address, r) -> {
                if (r.equals(role)) {
                    parties.add(new Party(role, text(address)));
                    columns.add(address);
                }
            });
        }
        List<Arrow> arrows = new ArrayList<>();
        for (CapturedMessage m : messages) {
            int remote = columns.indexOf(m.remote());
            Duration after = Duration.between(messages.get(0).time(), m.time());
            arrows.add(new Arrow(m.sent() ? gateway : remote, m.sent() ? remote : gateway, label(m.firstLine()),
                    after, m));
        }
        return new Ladder(List.copyOf(parties), List.copyOf(arrows));
    }

    /**
     * The same ladder with the caller's and the callees' columns named after what the call's record says (the
     * caller's number, the route's destination such as {@code trunk:pstn} or {@code user:bob}).
     */
    public Ladder naming(String caller, String callee) {
        List<Party> named = parties.stream().map(p -> switch (p.name()) {
            case "caller" -> caller.isEmpty() ? p : new Party("caller " + caller, p.address());
            case "callee" -> callee.isEmpty() ? p : new Party("callee " + callee, p.address());
            default -> p;
        }).toList();
        return new Ladder(named, arrows);
    }

    /** {@code INVITE} for a request, {@code 180 Ringing} for a response. */
    static String label(String firstLine) {
        if (firstLine.startsWith("SIP/")) {
            return firstLine.substring(firstLine.indexOf(' ') + 1);
        }
        int space = firstLine.indexOf(' ');
        return space > 0 ? firstLine.substring(0, space) : firstLine;
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
