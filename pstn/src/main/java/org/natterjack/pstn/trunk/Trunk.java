package org.natterjack.pstn.trunk;

import java.util.Optional;
import java.util.regex.Pattern;
import org.natterjack.net.IpLiteral;
import org.natterjack.routing.Destination;

/**
 * A telephone line the gateway routes calls to ({@code trunk:NAME} routes) and receives calls from.
 *
 * @param name lower-case word, as in {@code trunk:NAME}
 * @param group the DAHDI group its channels belong to (DAHDI trunks; 0-63)
 * @param peer the SIP peer (sip-peer trunks)
 * @param presentation whether outgoing calls show the caller's number
 * @param callerId the number outgoing calls present instead of the caller's own, if set
 * @param failover the trunk that takes a call when this one is down or congested (Q.850 cause 34 or 42)
 * @param inboundNumber the number routed, as if dialled, for calls arriving without one (an analog FXO line
 *     has no DID: Asterisk gives such calls the extension {@code s})
 */
public record Trunk(String name, TrunkType type, int group, Optional<Peer> peer, Presentation presentation,
                    Optional<String> callerId, Optional<String> failover, Optional<String> inboundNumber,
                    String description) {

    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    /** Two characters at least: the dialplan's pattern for dialled numbers ({@code _[+0-9*#].}) needs them. */
    private static final Pattern INBOUND_NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

    public Trunk {
        new Destination.Trunk(name); // validates the name
        if (type == TrunkType.DAHDI && (group < 0 || group > 63)) {
            throw new IllegalArgumentException("DAHDI group " + group + " is outside 0-63");
        }
        if (type == TrunkType.DAHDI && peer.isPresent()) {
            throw new IllegalArgumentException("a dahdi trunk has no SIP peer");
        }
        if (type == TrunkType.SIP_PEER && peer.isEmpty()) {
            throw new IllegalArgumentException("a sip-peer trunk needs a peer IP:PORT");
        }
        callerId.ifPresent(n -> {
            if (!NUMBER.matcher(n).matches()) {
                throw new IllegalArgumentException("caller ID '" + n + "' is not a telephone number (+ and digits)");
            }
        });
        inboundNumber.ifPresent(n -> {
            if (!INBOUND_NUMBER.matcher(n).matches()) {
                throw new IllegalArgumentException("inbound number '" + n
                        + "' is not a telephone number (+ and at least two digits)");
            }
        });
        failover.ifPresent(f -> {
            new Destination.Trunk(f);
            if (f.equals(name)) {
                throw new IllegalArgumentException("trunk " + name + " cannot fail over to itself");
            }
        });
    }

    /** A SIP peer's address; Asterisk tells the peer's calls from others by its IP address. */
    public record Peer(String host, int port) {

        public static Peer parse(String text) {
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? IpLiteral.stripBrackets(text.substring(0, colon)) : "";
            String port = text.substring(colon + 1);
            if (!IpLiteral.isLiteral(host) || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("peer '" + text + "' is not IP:PORT");
            }
            return new Peer(host, Integer.parseInt(port));
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
