package org.natterjack.sip.nat;

import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.natterjack.nat.NatDetector;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.HostPort;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;

/**
 * The NAT test applied to SIP messages: what a message claims (top Via, first Contact) against the flow it
 * arrived on; and {@code fix_nated_contact}, the rewrite of a Contact to the address the network showed.
 */
public final class SipNat {

    private SipNat() {
    }

    /** NAT evidence for a request from its sender: Via sent-by and first Contact against the packet source. */
    public static Set<NatIndication> ofRequest(Request request, Flow flow) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        HostPort sentBy = new HostPort(via.getHost(), portOf(via.getPort(), flow));
        return NatDetector.detect(flow, sentBy, contact(request, flow));
    }

    /**
     * True if the first Contact of {@code message} (sent by the party at the far end of {@code flow}) is a
     * private address or differs from where the message came from. A Contact with a host name says nothing.
     */
    public static boolean contactIsNated(Message message, Flow flow) {
        return contact(message, flow).filter(c -> c.address().isPresent())
                .map(c -> !NatDetector.detectContact(flow, c).isEmpty()).orElse(false);
    }

    /**
     * Kamailio's {@code fix_nated_contact}: the first Contact's host and port become the flow's remote
     * address, for user agents behind NAT that ignore Record-Route. Off by default: a Contact is the
     * party's own statement and RFC-conforming agents are reached through the flow tokens instead.
     */
    public static void fixContact(Message message, Flow flow) {
        if (message.getHeader(ContactHeader.NAME) instanceof ContactHeader contact
                && contact.getAddress().getURI() instanceof SipURI uri) {
            try {
                uri.setHost(IpLiteral.uriHost(flow.remote().getAddress()));
                uri.setPort(flow.remote().getPort());
            } catch (ParseException e) {
                throw new IllegalStateException("an IP literal did not parse as a host", e);
            }
        }
    }

    private static Optional<HostPort> contact(Message message, Flow flow) {
        if (message.getHeader(ContactHeader.NAME) instanceof ContactHeader c
                && !c.isWildCard() && c.getAddress().getURI() instanceof SipURI uri) {
            return Optional.of(new HostPort(uri.getHost(), portOf(uri.getPort(), flow)));
        }
        return Optional.empty();
    }

    private static int portOf(int port, Flow flow) {
        return port > 0 ? port : flow.transport() == Transport.TLS ? 5061 : 5060;
    }
}
