package org.natterjack.sip.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Set;
import javax.sip.header.ContactHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;

class SipNatTest {

    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.10", 5060);
    private static final Flow FROM_NAT = Flow.of(Transport.UDP, GATEWAY, new InetSocketAddress("203.0.113.50", 61000));
    private static final Flow FROM_PUBLIC = Flow.of(Transport.UDP, GATEWAY, new InetSocketAddress("198.51.100.7", 5060));

    private static Message parse(String firstLine, String via, String contact) throws ParseException {
        String text = firstLine + "\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:bob@example.org>\r\n"
                + "From: <sip:alice@example.org>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 1 INVITE\r\n"
                + (contact == null ? "" : "Contact: " + contact + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        return new StringMsgParser().parseSIPMessage(text.getBytes(), true, false, null);
    }

    @Test
    void requestFromBehindNatShowsEveryDifference() throws ParseException {
        Request invite = (Request) parse("INVITE sip:bob@example.org SIP/2.0", "192.168.1.20:5060",
                "<sip:alice@192.168.1.20:5060>");

        assertEquals(Set.of(NatIndication.VIA_ADDRESS_DIFFERS, NatIndication.VIA_PORT_DIFFERS,
                NatIndication.CONTACT_DIFFERS, NatIndication.CONTACT_PRIVATE), SipNat.ofRequest(invite, FROM_NAT));
    }

    @Test
    void requestFromAReachableClientShowsNothing() throws ParseException {
        Request invite = (Request) parse("INVITE sip:bob@example.org SIP/2.0", "198.51.100.7",
                "<sip:alice@198.51.100.7>");

        assertTrue(SipNat.ofRequest(invite, FROM_PUBLIC).isEmpty());
    }

    @Test
    void responseContactIsJudgedAgainstItsSource() throws ParseException {
        Message natedAnswer = parse("SIP/2.0 200 OK", "192.0.2.10:5060", "<sip:bob@10.0.0.5:5062>");
        Message directAnswer = parse("SIP/2.0 200 OK", "192.0.2.10:5060", "<sip:bob@198.51.100.7:5060>");
        Message namedContact = parse("SIP/2.0 200 OK", "192.0.2.10:5060", "<sip:bob@phone.example.org>");

        assertTrue(SipNat.contactIsNated(natedAnswer, FROM_NAT));
        assertFalse(SipNat.contactIsNated(directAnswer, FROM_PUBLIC));
        assertFalse(SipNat.contactIsNated(namedContact, FROM_NAT), "a host name is the party's business");
        assertFalse(SipNat.contactIsNated(parse("SIP/2.0 200 OK", "192.0.2.10:5060", null), FROM_NAT));
    }

    @Test
    void fixContactPutsTheSourceAddressIntoTheContactAndKeepsItsParameters() throws ParseException {
        Message invite = parse("INVITE sip:bob@example.org SIP/2.0", "192.168.1.20:5060",
                "<sip:alice@192.168.1.20:5060;transport=udp;ob>;expires=60");

        SipNat.fixContact(invite, FROM_NAT);

        assertEquals("<sip:alice@203.0.113.50:61000;transport=udp;ob>;expires=60",
                ((ContactHeader) invite.getHeader(ContactHeader.NAME)).toString().substring("Contact: ".length()).trim());
    }
}
