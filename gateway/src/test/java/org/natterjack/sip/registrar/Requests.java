package org.natterjack.sip.registrar;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.users.UserPolicy;

/** Builds registrar input the way RegisterHandler would, without a SIP stack. */
final class Requests {

    static final String AOR = "sip:alice@example.org";
    static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.10", 5060);
    static final Flow DIRECT_UDP = Flow.of(Transport.UDP, GATEWAY, new InetSocketAddress("198.51.100.7", 5060));
    static final Flow NATED_UDP = Flow.of(Transport.UDP, GATEWAY, new InetSocketAddress("203.0.113.50", 61000));
    static final Set<NatIndication> NATED = Set.of(NatIndication.VIA_ADDRESS_DIFFERS,
            NatIndication.VIA_PORT_DIFFERS, NatIndication.CONTACT_DIFFERS, NatIndication.CONTACT_PRIVATE);
    static final int MAX_CONTACTS = 3;

    private String aor = AOR;
    private String callId = "a84b4c76e66710@pc33.example.org";
    private long cseq = 1;
    private Flow source = DIRECT_UDP;
    private Set<NatIndication> nat = Set.of();
    private String userAgent = "Linphone/5.2.0";
    private OptionalInt expiresHeader = OptionalInt.empty();
    private boolean wildcard;
    private List<ContactSpec> contacts = List.of(ContactSpec.of("sip:alice@198.51.100.7:5060"));
    private UserPolicy policy = UserPolicy.DEFAULT;

    static Requests register() {
        return new Requests();
    }

    static ContactSpec contact(String uri) {
        return ContactSpec.of(uri);
    }

    static ContactSpec contact(String uri, int expires) {
        return ContactSpec.of(uri).withExpires(expires);
    }

    static ContactSpec withQ(String uri, int q) {
        return new ContactSpec(uri, OptionalInt.empty(), q, Optional.empty(), OptionalInt.empty());
    }

    static ContactSpec outbound(String uri, String instance, int regId) {
        return new ContactSpec(uri, OptionalInt.empty(), 1000, Optional.of(instance), OptionalInt.of(regId));
    }

    Requests aor(String value) {
        aor = value;
        return this;
    }

    Requests callId(String value) {
        callId = value;
        return this;
    }

    Requests cseq(long value) {
        cseq = value;
        return this;
    }

    Requests from(Flow flow) {
        source = flow;
        return this;
    }

    Requests nat(Set<NatIndication> value) {
        nat = value;
        return this;
    }

    Requests userAgent(String value) {
        userAgent = value;
        return this;
    }

    Requests expires(int seconds) {
        expiresHeader = OptionalInt.of(seconds);
        return this;
    }

    Requests wildcard() {
        wildcard = true;
        contacts = List.of();
        return this;
    }

    /** The account's policy, applied as RegisterHandler applies it (to the NAT evidence and the limit). */
    Requests policy(UserPolicy value) {
        policy = value;
        return this;
    }

    Requests contacts(ContactSpec... specs) {
        contacts = List.of(specs);
        return this;
    }

    RegisterRequest build() {
        return new RegisterRequest(aor, callId, cseq, source, policy.natPolicy().apply(nat), userAgent,
                expiresHeader, wildcard, contacts, policy.maxContacts(MAX_CONTACTS), List.of());
    }
}
