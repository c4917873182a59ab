package org.natterjack.nat;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.HostPort;
import org.natterjack.net.Transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatDetectorTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.10", 5060);

    private static Flow flow(Transport transport, String remoteHost, int remotePort) {
        return Flow.of(transport, LOCAL, new InetSocketAddress(remoteHost, remotePort));
    }

    @Test
    void clientReachableAtWhatItClaimsShowsNoIndication() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 5060);
        HostPort claimed = new HostPort("198.51.100.7", 5060);

        assertEquals(Set.of(), NatDetector.detect(udp, claimed, Optional.of(claimed)));
    }

    @Test
    void noContactAndMatchingViaShowsNoIndication() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 5070);

        assertEquals(Set.of(), NatDetector.detect(udp, new HostPort("198.51.100.7", 5070), Optional.empty()));
    }

    @Test
    void differentSourcePortOverUdpIsViaPortDiffers() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 40123);
        HostPort claimed = new HostPort("198.51.100.7", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, claimed, Optional.empty());

        assertEquals(Set.of(NatIndication.VIA_PORT_DIFFERS), found);
    }

    @Test
    void differentSourcePortOverUdpAlsoMakesContactDiffer() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 40123);
        HostPort claimed = new HostPort("198.51.100.7", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, claimed, Optional.of(claimed));

        assertEquals(EnumSet.of(NatIndication.VIA_PORT_DIFFERS, NatIndication.CONTACT_DIFFERS), found);
    }

    @Test
    void differentSourcePortOverTcpIsIgnored() {
        // A TCP client's source port is ephemeral; it says nothing about NAT.
        Flow tcp = flow(Transport.TCP, "198.51.100.7", 53211);
        HostPort claimed = new HostPort("198.51.100.7", 5060);

        assertEquals(Set.of(), NatDetector.detect(tcp, claimed, Optional.of(claimed)));
    }

    @Test
    void differentSourcePortOverTlsIsIgnored() {
        Flow tls = flow(Transport.TLS, "198.51.100.7", 53211);
        HostPort claimed = new HostPort("198.51.100.7", 5061);

        assertEquals(Set.of(), NatDetector.detect(tls, claimed, Optional.of(claimed)));
    }

    @Test
    void differentSourceAddressOverTcpStillCounts() {
        Flow tcp = flow(Transport.TCP, "203.0.113.50", 53211);
        HostPort claimed = new HostPort("198.51.100.7", 5060);

        Set<NatIndication> found = NatDetector.detect(tcp, claimed, Optional.of(claimed));

        assertEquals(EnumSet.of(NatIndication.VIA_ADDRESS_DIFFERS, NatIndication.CONTACT_DIFFERS), found);
    }

    @Test
    void privateViaAndContactBehindNatGiveAllIndications() {
        // The typical home phone: claims 192.168.1.20:5060, shows up as the router's public address and port.
        Flow udp = flow(Transport.UDP, "203.0.113.50", 61000);
        HostPort claimed = new HostPort("192.168.1.20", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, claimed, Optional.of(claimed));

        assertEquals(EnumSet.complementOf(EnumSet.of(NatIndication.POLICY)), found,
                "every piece of evidence the test finds (POLICY is the NAT policy's, not the test's)");
    }

    @Test
    void privateContactIsContactPrivate() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, new HostPort("198.51.100.7", 5060),
                Optional.of(new HostPort("10.1.2.3", 5060)));

        assertTrue(found.contains(NatIndication.CONTACT_PRIVATE), found.toString());
        assertTrue(found.contains(NatIndication.CONTACT_DIFFERS), found.toString());
        assertFalse(found.contains(NatIndication.VIA_ADDRESS_DIFFERS), found.toString());
    }

    @Test
    void privateContactIsContactPrivateEvenWhenThePacketCameFromIt() {
        // Gateway and phone on the same LAN: nothing differs, but the contact is still private.
        Flow udp = flow(Transport.UDP, "192.168.1.20", 5060);
        HostPort claimed = new HostPort("192.168.1.20", 5060);

        assertEquals(Set.of(NatIndication.CONTACT_PRIVATE), NatDetector.detect(udp, claimed, Optional.of(claimed)));
    }

    @Test
    void publicContactIsNotContactPrivate() {
        Flow udp = flow(Transport.UDP, "203.0.113.50", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, new HostPort("203.0.113.50", 5060),
                Optional.of(new HostPort("198.51.100.7", 5060)));

        assertEquals(Set.of(NatIndication.CONTACT_DIFFERS), found);
    }

    @Test
    void hostNameInViaNeverMatchesTheSourceAddress() {
        Flow udp = flow(Transport.UDP, "198.51.100.7", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, new HostPort("phone.example.com", 5060),
                Optional.empty());

        assertEquals(Set.of(NatIndication.VIA_ADDRESS_DIFFERS), found);
    }

    @Test
    void hostNameInContactNeverMatchesTheSourceAddressNorCountsAsPrivate() {
        // "localhost" would resolve to a loopback address and "10.example" looks numeric; neither may be resolved.
        Flow udp = flow(Transport.UDP, "198.51.100.7", 5060);
        HostPort via = new HostPort("198.51.100.7", 5060);

        for (String name : new String[] {"localhost", "phone.example.com", "ten.example"}) {
            Set<NatIndication> found = NatDetector.detect(udp, via, Optional.of(new HostPort(name, 5060)));
            assertEquals(Set.of(NatIndication.CONTACT_DIFFERS), found, name);
        }
    }

    @Test
    void hostPortNeverTurnsAHostNameIntoAnAddress() {
        assertTrue(new HostPort("localhost", 5060).address().isEmpty());
        assertFalse(new HostPort("localhost", 5060).sameAddress(java.net.InetAddress.getLoopbackAddress()));
    }

    @Test
    void ipv6ClientReachableAtWhatItClaimsShowsNoIndication() {
        Flow udp = flow(Transport.UDP, "2001:db8::7", 5060);

        // Different spellings of one IPv6 address, with and without brackets, are the same address.
        Set<NatIndication> found = NatDetector.detect(udp, new HostPort("[2001:db8:0:0:0:0:0:7]", 5060),
                Optional.of(new HostPort("2001:DB8::7", 5060)));

        assertEquals(Set.of(), found);
    }

    @Test
    void ipv6UniqueLocalContactBehindNatIsDetected() {
        Flow udp = flow(Transport.UDP, "2001:db8::7", 40000);
        HostPort claimed = new HostPort("[fd00::20]", 5060);

        Set<NatIndication> found = NatDetector.detect(udp, claimed, Optional.of(claimed));

        assertEquals(EnumSet.complementOf(EnumSet.of(NatIndication.POLICY)), found,
                "every piece of evidence the test finds (POLICY is the NAT policy's, not the test's)");
    }

    @Test
    void ipv6SourcePortDifferenceOverTcpIsIgnoredButAddressDifferenceCounts() {
        Flow tcp = flow(Transport.TCP, "2001:db8::7", 40000);

        assertEquals(Set.of(), NatDetector.detect(tcp, new HostPort("[2001:db8::7]", 5060), Optional.empty()));
        assertEquals(Set.of(NatIndication.VIA_ADDRESS_DIFFERS),
                NatDetector.detect(tcp, new HostPort("[2001:db8::8]", 5060), Optional.empty()));
    }
}
