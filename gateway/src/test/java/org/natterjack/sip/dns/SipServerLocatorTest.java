package org.natterjack.sip.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Transport;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.lookup.LookupSession;

/** RFC 3263 section 4 against zones served by {@link ZoneResolver}; addresses from RFC 5737 and RFC 3849. */
class SipServerLocatorTest {

    private static Name n(String name) throws Exception {
        return Name.fromString(name);
    }

    private static ARecord a(String name, String ip) throws Exception {
        return new ARecord(n(name), DClass.IN, 300, InetAddress.getByName(ip));
    }

    private static SRVRecord srv(String name, int priority, int weight, int port, String target) throws Exception {
        return new SRVRecord(n(name), DClass.IN, 300, priority, weight, port, n(target));
    }

    private static NAPTRRecord naptr(String name, int order, int pref, String service, String replacement)
            throws Exception {
        return new NAPTRRecord(n(name), DClass.IN, 300, order, pref, "s", service, "", n(replacement));
    }

    private static List<SipServer> locate(List<Record> zone, String host, int port, Transport transport)
            throws Exception {
        LookupSession session = LookupSession.builder().resolver(new ZoneResolver(zone)).cache(new Cache()).build();
        return new SipServerLocator(session, new SplittableRandom(7))
                .locate(host, port, Optional.ofNullable(transport)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static SipServer server(Transport t, String ip, int port) {
        return new SipServer(t, new InetSocketAddress(ip, port));
    }

    @Test
    void anIpLiteralNeedsNoDns() throws Exception {
        assertEquals(List.of(server(Transport.UDP, "192.0.2.1", 5060)), locate(List.of(), "192.0.2.1", -1, null));
        assertEquals(List.of(server(Transport.TCP, "2001:db8::1", 5070)),
                locate(List.of(), "[2001:db8::1]", 5070, Transport.TCP));
    }

    @Test
    void anExplicitPortMeansAddressRecordsOnly() throws Exception {
        List<Record> zone = List.of(a("sip.example.com.", "192.0.2.5"),
                new AAAARecord(n("sip.example.com."), DClass.IN, 300, InetAddress.getByName("2001:db8::5")),
                srv("_sip._udp.sip.example.com.", 10, 0, 5999, "other.example.com."));

        assertEquals(List.of(server(Transport.UDP, "192.0.2.5", 5080), server(Transport.UDP, "2001:db8::5", 5080)),
                locate(zone, "sip.example.com", 5080, null));
    }

    @Test
    void naptrChoosesTheTransportInOrderAndSkipsServicesWeDoNotSpeak() throws Exception {
        List<Record> zone = List.of(
                naptr("example.com.", 10, 10, "SIPS+D2T", "_sips._tcp.example.com."),
                naptr("example.com.", 20, 10, "SIP+D2T", "_sip._tcp.example.com."),
                naptr("example.com.", 30, 10, "SIP+D2U", "_sip._udp.example.com."),
                srv("_sips._tcp.example.com.", 10, 0, 5061, "tls.example.com."),
                srv("_sip._tcp.example.com.", 10, 0, 5060, "tcp.example.com."),
                srv("_sip._udp.example.com.", 10, 0, 5060, "udp.example.com."),
                a("tls.example.com.", "192.0.2.9"), a("tcp.example.com.", "192.0.2.10"), a("udp.example.com.", "192.0.2.11"));

        assertEquals(List.of(server(Transport.TCP, "192.0.2.10", 5060), server(Transport.UDP, "192.0.2.11", 5060)),
                locate(zone, "example.com", -1, null));
    }

    @Test
    void withoutNaptrTheFirstTransportWithSrvRecordsWinsInPriorityOrder() throws Exception {
        List<Record> zone = List.of(
                srv("_sip._udp.example.com.", 20, 0, 5070, "backup.example.com."),
                srv("_sip._udp.example.com.", 10, 0, 5060, "primary.example.com."),
                srv("_sip._tcp.example.com.", 1, 0, 5060, "tcp.example.com."),
                a("backup.example.com.", "192.0.2.2"), a("primary.example.com.", "192.0.2.1"),
                a("tcp.example.com.", "192.0.2.3"));

        assertEquals(List.of(server(Transport.UDP, "192.0.2.1", 5060), server(Transport.UDP, "192.0.2.2", 5070)),
                locate(zone, "example.com", -1, null));
    }

    @Test
    void aTransportParameterLimitsTheSrvLookupToIt() throws Exception {
        List<Record> zone = List.of(srv("_sip._udp.example.com.", 10, 0, 5060, "udp.example.com."),
                srv("_sip._tcp.example.com.", 10, 0, 5062, "tcp.example.com."),
                a("udp.example.com.", "192.0.2.1"), a("tcp.example.com.", "192.0.2.3"));

        assertEquals(List.of(server(Transport.TCP, "192.0.2.3", 5062)), locate(zone, "example.com", -1, Transport.TCP));
    }

    @Test
    void withoutSrvTheHostsOwnAddressOnPort5060() throws Exception {
        List<Record> zone = List.of(a("example.com.", "192.0.2.44"));

        assertEquals(List.of(server(Transport.UDP, "192.0.2.44", 5060)), locate(zone, "example.com", -1, null));
    }

    @Test
    void anUnknownDomainGivesNoServer() throws Exception {
        assertTrue(locate(List.of(a("example.com.", "192.0.2.44")), "nowhere.example.net", -1, null).isEmpty());
        assertTrue(locate(List.of(), "bad..name", -1, null).isEmpty());
    }

    @Test
    void aHostileZoneYieldsABoundedList() throws Exception {
        List<Record> zone = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            zone.add(srv("_sip._udp.example.com.", i, 0, 5060, "h" + i + ".example.com."));
            zone.add(a("h" + i + ".example.com.", "192.0.2." + (i + 1)));
        }
        assertEquals(10, locate(zone, "example.com", -1, null).size());
    }

    @Test
    void srvWeightsShareTheLoadWithinAPriority() throws Exception {
        SRVRecord heavy = srv("_sip._udp.example.com.", 10, 90, 5060, "heavy.example.com.");
        SRVRecord light = srv("_sip._udp.example.com.", 10, 10, 5060, "light.example.com.");
        SRVRecord zero = srv("_sip._udp.example.com.", 10, 0, 5060, "zero.example.com.");
        SRVRecord later = srv("_sip._udp.example.com.", 20, 100, 5060, "later.example.com.");
        SplittableRandom random = new SplittableRandom(42);
        int heavyFirst = 0;
        for (int i = 0; i < 1000; i++) {
            List<SRVRecord> order = SrvOrder.of(List.of(later, zero, light, heavy), random);
            assertEquals(later, order.get(3), "a higher priority value always comes last");
            if (order.get(0).equals(heavy)) {
                heavyFirst++;
            }
        }
        assertTrue(heavyFirst > 800 && heavyFirst < 980, "weight 90 of 100 comes first about 90% of the time: " + heavyFirst);
    }
}
