package org.natterjack.sip.registrar;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;

/**
 * A REGISTER reduced to what the registrar decides on; free of any SIP stack types.
 *
 * @param aor the address-of-record from the To header, {@code sip:user@domain}
 * @param wildcard {@code Contact: *}
 * @param contacts the Contact header fields (empty for a query or wildcard)
 * @param expiresHeader the Expires header, if present
 * @param maxContacts the most bindings this AOR may hold
 */
public record RegisterRequest(String aor, String callId, long cseq, Flow source, Set<NatIndication> nat,
                              String userAgent, OptionalInt expiresHeader, boolean wildcard,
                              List<ContactSpec> contacts, int maxContacts) {

    public RegisterRequest {
        contacts = List.copyOf(contacts);
        nat = Set.copyOf(nat);
    }
}
