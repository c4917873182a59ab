package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import javax.sip.address.AddressFactory;
import org.natterjack.location.Binding;
import org.natterjack.location.BindingTarget;
import org.natterjack.cluster.PeerNodes;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The branches to registered contacts: one {@link Target} per binding, over the flow it came on. */
final class RegisteredContacts {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredContacts.class);

    private final SipTransport transport;
    private final AddressFactory addresses;
    private final PeerNodes peers;

    RegisteredContacts(SipTransport transport, PeerNodes peers) throws javax.sip.PeerUnavailableException {
        this.transport = transport;
        this.addresses = transport.addressFactory();
        this.peers = peers;
    }

    /** A target per binding; a binding whose Contact cannot be used is left out. */
    List<Target> targets(List<Binding> bindings) {
        List<Target> targets = new ArrayList<>();
        for (Binding binding : bindings) {
            try {
                targets.add(targetFor(binding));
            } catch (ParseException | IllegalArgumentException e) {
                LOG.warn("Cannot reach {} of {}: {}", binding.contact(), binding.aor(), e.toString());
            }
        }
        return targets;
    }

    private Target targetFor(Binding binding) throws ParseException {
        if (binding.target() instanceof BindingTarget.ThroughPath through) {
            // The first proxy on the path keeps the client's flow; in-dialog requests follow the route set through it.
            return new Target(addresses.createURI(through.contactUri()), Optional.empty(),
                    transport.socketFor(binding.received()), false, binding.behindNat(), Optional.empty(),
                    through.path());
        }
        if (binding.target() instanceof BindingTarget.OverFlow over && !binding.node().equals(peers.self())) {
            return throughNode(binding, over.flow());
        }
        if (binding.target() instanceof BindingTarget.OverFlow over) {
            return new Target(addresses.createURI(binding.contact()), Optional.of(over.flow()),
                    transport.socketFor(over.flow()), true, binding.behindNat());
        }
        return new Target(addresses.createURI(binding.contact()), Optional.empty(),
                transport.socketFor(binding.received()), true, binding.behindNat());
    }

    /**
     * A party whose flow another node holds: the request goes to that node over UDP from our socket of the same
     * family, with a Route naming the flow; our Record-Route towards it names no flow (in-dialog requests follow the
     * route set through that node).
     */
    private Target throughNode(Binding binding, Flow held) throws ParseException {
        InetSocketAddress node = peers.sipAddress(binding.node()).orElseThrow(
                () -> new IllegalArgumentException("node " + binding.node() + " has no known SIP address"));
        boolean v6 = node.getAddress() instanceof Inet6Address;
        SipSocket socket = transport.sockets().stream().filter(s -> s.transport() == Transport.UDP)
                .filter(s -> (s.local().getAddress() instanceof Inet6Address) == v6).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no UDP socket to reach node " + binding.node()));
        return new Target(addresses.createURI(binding.contact()), Optional.of(Flow.of(Transport.UDP, socket.local(),
                node)), socket, false, binding.behindNat(), Optional.of(new Target.HeldFlow(node, held)), List.of());
    }
}
