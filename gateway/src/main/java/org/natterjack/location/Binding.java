package org.natterjack.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;

/**
 * One registered contact of an address-of-record.
 *
 * <p>What the client claimed ({@link #contact()}) is kept apart from what the network showed
 * ({@link #received()}): a client behind NAT can only be reached through the latter.
 *
 * @param aor the address-of-record, {@code sip:user@domain}
 * @param contact the Contact URI as the client sent it (without header parameters such as expires or q)
 * @param received the flow the REGISTER arrived on: transport, packet source, local socket (and thereby the
 *     TCP connection)
 * @param node the gateway node that holds that flow, the only one that can send down it
 * @param nat evidence that the client is behind NAT; empty when it is not
 * @param expires when the binding lapses
 * @param qValue preference among the AOR's contacts, 0 to 1000 (q=1.0 is 1000)
 * @param callId Call-ID of the REGISTER that last wrote this binding
 * @param cseq CSeq number of that REGISTER
 * @param instanceId the {@code +sip.instance} Contact parameter (RFC 5626), if sent
 * @param regId the {@code reg-id} Contact parameter (RFC 5626), if sent
 * @param userAgent the User-Agent header, or an empty string
 * @param firstSeen when this binding was created
 * @param lastSeen when it was last refreshed
 * @param path the Path header values (RFC 3327) of that REGISTER, the proxy nearest to us first: the proxies in
 *     front of us it came through (an edge proxy facing the client), which requests for it must pass; empty when
 *     it came straight from the client
 */
public record Binding(String aor, String contact, Flow received, NodeId node, Set<NatIndication> nat, Instant expires,
                      int qValue, String callId, long cseq, Optional<String> instanceId, OptionalInt regId,
                      String userAgent, Instant firstSeen, Instant lastSeen, List<String> path) {

    public Binding {
        nat = nat.isEmpty() ? Set.of() : Set.copyOf(nat);
        path = List.copyOf(path);
        if (qValue < 0 || qValue > 1000) {
            throw new IllegalArgumentException("q must be between 0 and 1");
        }
    }

    public boolean behindNat() {
        return !nat.isEmpty();
    }

    /**
     * Identity within the AOR: instance and reg-id for an RFC 5626 flow, else the Contact URI (RFC 3261 10.3
     * step 7; an instance without reg-id does not make a binding of its own: a phone restarted with a new
     * instance ID behind the same address would otherwise be rung twice on one URI).
     */
    public String key() {
        return keyOf(contact, instanceId, regId);
    }

    public static String keyOf(String contact, Optional<String> instanceId, OptionalInt regId) {
        if (instanceId.isPresent() && regId.isPresent()) {
            return instanceId.get() + ";reg-id=" + regId.getAsInt();
        }
        return contact;
    }

    public boolean isExpired(Instant now) {
        return !expires.isAfter(now);
    }

    /** Seconds until expiry, rounded up, never negative. */
    public long secondsLeft(Instant now) {
        long millis = expires.toEpochMilli() - now.toEpochMilli();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /**
     * Where to send a request for this binding: through its Path when it came through proxies (the edge facing the
     * client keeps its flow, so any node can send there); over the received flow when the client is behind NAT or
     * connected over TCP/TLS (the NAT or the connection admits nothing else); otherwise to its Contact.
     */
    public BindingTarget target() {
        if (!path.isEmpty()) {
            return new BindingTarget.ThroughPath(contact, path);
        }
        if (behindNat() || received.transport().isConnectionOriented()) {
            return new BindingTarget.OverFlow(received);
        }
        return new BindingTarget.ToContact(contact);
    }

    /** This binding as {@code update} renews it; it keeps its first-seen time. */
    public Binding refreshed(Binding update) {
        return new Binding(aor, update.contact, update.received, update.node, update.nat, update.expires, update.qValue,
                update.callId, update.cseq, update.instanceId, update.regId, update.userAgent, firstSeen,
                update.lastSeen, update.path);
    }

    /** The bindings most preferred (highest q) first; equal q keep their order. */
    public static List<Binding> byPreference(Collection<Binding> bindings) {
        List<Binding> sorted = new ArrayList<>(bindings);
        sorted.sort(Comparator.comparingInt(Binding::qValue).reversed());
        return List.copyOf(sorted);
    }
}
