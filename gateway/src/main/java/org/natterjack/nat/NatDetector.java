package org.natterjack.nat;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.natterjack.net.Flow;
import org.natterjack.net.HostPort;
import org.natterjack.net.PrivateNetworks;

/**
 * Decides whether a request's sender is behind NAT by comparing what the network showed (the flow) with
 * what the client claimed (top Via sent-by, Contact).
 *
 * <p>Over TCP and TLS the source port of a connection is ephemeral and says nothing about NAT, so only
 * addresses are compared there; the gateway answers such clients over their connection either way.
 */
public final class NatDetector {

    private NatDetector() {
    }

    /**
     * @param flow where the request came from
     * @param via the top Via's sent-by
     * @param contact the Contact's host and port when it holds an IP literal; empty for none or a host name
     * @return the evidence found; empty means the client is reachable at what it claimed
     */
    public static Set<NatIndication> detect(Flow flow, HostPort via, Optional<HostPort> contact) {
        EnumSet<NatIndication> found = EnumSet.noneOf(NatIndication.class);
        InetAddress source = flow.remote().getAddress();
        int sourcePort = flow.remote().getPort();
        boolean datagram = !flow.transport().isConnectionOriented();

        if (!via.sameAddress(source)) {
            found.add(NatIndication.VIA_ADDRESS_DIFFERS);
        }
        if (datagram && via.port() != sourcePort) {
            found.add(NatIndication.VIA_PORT_DIFFERS);
        }
        contact.ifPresent(c -> found.addAll(detectContact(flow, c)));
        return found;
    }

    /** The Contact half of {@link #detect}: for a message whose Via says nothing (a response, say). */
    public static Set<NatIndication> detectContact(Flow flow, HostPort contact) {
        EnumSet<NatIndication> found = EnumSet.noneOf(NatIndication.class);
        InetAddress source = flow.remote().getAddress();
        boolean datagram = !flow.transport().isConnectionOriented();
        if (contact.address().map(PrivateNetworks::isPrivate).orElse(false)) {
            found.add(NatIndication.CONTACT_PRIVATE);
        }
        if (!contact.sameAddress(source) || (datagram && contact.port() != flow.remote().getPort())) {
            found.add(NatIndication.CONTACT_DIFFERS);
        }
        return found;
    }
}
