package org.natterjack.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.address.AddressFactory;
import org.natterjack.location.Binding;
import org.natterjack.location.BindingTarget;
import org.natterjack.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The branches to registered contacts: one {@link Target} per binding, over the flow it came on. */
final class RegisteredContacts {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredContacts.class);

    private final SipTransport transport;
    private final AddressFactory addresses;

    RegisteredContacts(SipTransport transport) throws javax.sip.PeerUnavailableException {
        this.transport = transport;
        this.addresses = transport.addressFactory();
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
        if (binding.target() instanceof BindingTarget.OverFlow over) {
            return new Target(addresses.createURI(binding.contact()), Optional.of(over.flow()),
                    transport.socketFor(over.flow()), true, binding.behindNat());
        }
        return new Target(addresses.createURI(binding.contact()), Optional.empty(),
                transport.socketFor(binding.received()), true, binding.behindNat());
    }
}
