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
 * @param path the Path header values (RFC 3327), topmost first; empty when the client sent it to us directly
 */
public record RegisterRequest(String aor, String callId, long cseq, Flow source, Set<NatIndication> nat,
                              String userAgent, OptionalInt expiresHeader, boolean wildcard,
                              List<ContactSpec> contacts, int maxContacts, List<String> path) {

    public RegisterRequest {
        contacts = List.copyOf(contacts);
        path = List.copyOf(path);
        nat = Set.copyOf(nat);
    }
}
