package org.natterjack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natterjack.network.api.FieldError;
import org.natterjack.network.api.NetworkConfig;

class NetworkValidationTest {

    private static NetworkConfig fixed(String address, String gateway) {
        return new NetworkConfig("", "static", address, gateway, "", "", List.of("192.0.2.53"), List.of());
    }

    private static List<FieldError> errors(NetworkConfig c) {
        return NetworkValidation.check(c).errors();
    }

    private static void refused(NetworkConfig c, String field, String part) {
        List<FieldError> e = errors(c);
        assertTrue(e.stream().anyMatch(f -> f.field().equals(field) && f.message().startsWith(field + ": ")
                && f.message().contains(part)), e.toString());
    }

    @Test
    void aStaticAddressIsNormalisedWithTheDefaultInterfaces() {
        NetworkValidation.Result r = NetworkValidation.check(new NetworkConfig("  ", "static", " 10.0.2.15/24 ",
                "10.0.2.2", "", "", List.of("10.0.2.3", " ", ""), List.of("pool.ntp.org")));
        assertTrue(r.valid(), r.errors().toString());
        assertEquals(new NetworkConfig("en* eth*", "static", "10.0.2.15/24", "10.0.2.2", "", "",
                List.of("10.0.2.3"), List.of("pool.ntp.org")), r.config());
    }

    @Test
    void dhcpTakesNothingButTheInterfaces() {
        assertTrue(NetworkValidation.check(NetworkConfig.dhcp("enp1s0")).valid());
        refused(new NetworkConfig("", "dhcp", "192.0.2.10/24", "", "", "", List.of(), List.of()), "address",
                "only for mode static");
        refused(new NetworkConfig("", "dhcp", "", "", "", "", List.of("192.0.2.53"), List.of()), "dns",
                "only for mode static");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.10/24 | 198.51.100.1 | gateway | not in the address's subnet 192.0.2.0/24",
        "192.0.2.10/24 | 192.0.2.10   | gateway | own address",
        "192.0.2.10/24 | 192.0.2.255  | gateway | broadcast address of 192.0.2.0/24",
        "192.0.2.10/24 | 192.0.2.0    | gateway | network address",
        "192.0.2.10/24 | gw.example   | gateway | not an IPv4 address",
        "192.0.2.10/24 | ''           | gateway | required",
        "192.0.2.0/24  | 192.0.2.1    | address | network address of 192.0.2.0/24",
        "192.0.2.255/24| 192.0.2.1    | address | broadcast address",
        "192.0.2.10/31 | 192.0.2.11   | address | prefix length must be 8 to 30",
        "192.0.2.10/7  | 192.0.2.1    | address | prefix length must be 8 to 30",
        "192.0.2.10    | 192.0.2.1    | address | not an IPv4 address with prefix length",
        "192.0.2.300/24| 192.0.2.1    | address | not an IPv4 address",
        "192.0.2.010/24| 192.0.2.1    | address | not an IPv4 address",
        "127.0.0.5/8   | 127.0.0.1    | address | cannot be a host's address",
        "169.254.3.4/16| 169.254.0.1  | address | cannot be a host's address",
        "224.0.0.5/24  | 224.0.0.1    | address | cannot be a host's address",
        "''            | 192.0.2.1    | address | required for mode static",
    })
    void ipv4AddressAndGatewayAreCheckedAgainstEachOther(String address, String gateway, String field,
                                                          String part) {
        refused(fixed(address, gateway), field, part);
    }

    @Test
    void dnsServersAreOneToThreeAddresses() {
        NetworkConfig base = fixed("192.0.2.10/24", "192.0.2.1");
        assertTrue(errors(base).isEmpty());
        refused(withDns(base, List.of()), "dns", "1 to 3");
        refused(withDns(base, List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4")), "dns", "1 to 3");
        refused(withDns(base, List.of("dns.example.org")), "dns", "'dns.example.org' is not an IPv4 or IPv6 address");
        refused(withDns(base, List.of("127.0.0.53")), "dns", "loopback");
        assertTrue(errors(withDns(base, List.of("2001:db8::53", "192.0.2.53"))).isEmpty());
    }

    private static NetworkConfig withDns(NetworkConfig c, List<String> dns) {
        return new NetworkConfig(c.interfaces(), c.mode(), c.address(), c.gateway(), c.address6(), c.gateway6(), dns,
                c.ntp());
    }

    @Test
    void ntpServersAreNamesOrAddresses() {
        NetworkConfig c = new NetworkConfig("", "static", "192.0.2.10/24", "192.0.2.1", "", "", List.of("192.0.2.53"),
                List.of("ntp.example.org", "192.0.2.123", "2001:db8::123"));
        assertTrue(errors(c).isEmpty(), errors(c).toString());
        refused(new NetworkConfig("", "static", "192.0.2.10/24", "192.0.2.1", "", "", List.of("192.0.2.53"),
                List.of("bad name!")), "ntp", "neither a host name");
        refused(new NetworkConfig("", "static", "192.0.2.10/24", "192.0.2.1", "", "", List.of("192.0.2.53"),
                List.of("192.0.2.999")), "ntp", "neither a host name");
    }

    @Test
    void ipv6IsOptionalAndCheckedWhenGiven() {
        assertTrue(errors(v6("2001:db8::10/64", "2001:db8::1")).isEmpty());
        assertTrue(errors(v6("2001:db8::10/64", "fe80::1")).isEmpty(), "a link-local gateway");
        assertTrue(errors(v6("2001:db8::10/64", "")).isEmpty());
        refused(v6("2001:db8::10/64", "2001:db9::1"), "gateway6", "neither link-local");
        refused(v6("fe80::10/64", ""), "address6", "link-local");
        refused(v6("2001:db8::10", ""), "address6", "with prefix length");
        refused(v6("2001:db8::10/129", ""), "address6", "1 to 128");
        refused(v6("::ffff:192.0.2.1/96", ""), "address6", "not an IPv6 address");
        refused(v6("", "2001:db8::1"), "gateway6", "needs an IPv6 address");
    }

    private static NetworkConfig v6(String address6, String gateway6) {
        return new NetworkConfig("", "static", "192.0.2.10/24", "192.0.2.1", address6, gateway6,
                List.of("192.0.2.53"), List.of());
    }

    @Test
    void interfacesAndModeCannotCarryAnythingElseIntoTheFile() {
        refused(NetworkConfig.dhcp("eth0\nDNS=1.2.3.4"), "interfaces", "'DNS=1.2.3.4' is not an interface name");
        refused(NetworkConfig.dhcp("enp1s0/1"), "interfaces", "not an interface name");
        refused(NetworkConfig.dhcp("averyveryverylongname0"), "interfaces", "up to 15");
        refused(new NetworkConfig("", "manual", "", "", "", "", List.of(), List.of()), "mode", "dhcp or static");
        assertTrue(errors(NetworkConfig.dhcp("enp1s0 eth[01]")).isEmpty());
    }

    @Test
    void everyRefusedFieldIsReportedAtOnce() {
        List<FieldError> e = errors(new NetworkConfig("bad!", "static", "192.0.2.10/24", "10.0.0.1", "", "",
                List.of(), List.of()));
        assertEquals(List.of("interfaces", "gateway", "dns"), e.stream().map(FieldError::field).toList());
    }
}
