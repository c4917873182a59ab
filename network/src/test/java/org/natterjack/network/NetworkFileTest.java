package org.natterjack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.network.api.NetworkConfig;

class NetworkFileTest {

    private static final String HEADER = """
            # Natterjack's network settings (web admin, Network page; or by hand, see docs/appliance.md).
            # Copied to /run/systemd/network at boot; sorts before 80-dhcp.network, so it wins for these links.
            """;

    @Test
    void aStaticAddressInSystemdNetworkSyntax() {
        NetworkConfig c = new NetworkConfig("en* eth*", "static", "10.0.2.15/24", "10.0.2.2", "2001:db8::15/64",
                "fe80::1", List.of("10.0.2.3", "2001:db8::53"), List.of("ntp.example.org"));
        assertEquals(HEADER + """
                [Match]
                Name=en* eth*

                [Network]
                Address=10.0.2.15/24
                Gateway=10.0.2.2
                Address=2001:db8::15/64
                Gateway=fe80::1
                DNS=10.0.2.3
                DNS=2001:db8::53
                NTP=ntp.example.org
                """, NetworkFile.render(c));
    }

    @Test
    void dhcpOnTheChosenLinks() {
        assertEquals(HEADER + """
                [Match]
                Name=enp1s0

                [Network]
                DHCP=yes
                """, NetworkFile.render(NetworkConfig.dhcp("enp1s0")));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        for (NetworkConfig c : List.of(NetworkConfig.dhcpEverywhere(),
                new NetworkConfig("eth0", "static", "192.0.2.10/24", "192.0.2.1", "", "", List.of("192.0.2.53"),
                        List.of()),
                new NetworkConfig("en*", "static", "192.0.2.10/24", "192.0.2.1", "2001:db8::10/64",
                        "2001:db8::1", List.of("192.0.2.53", "192.0.2.54", "2001:db8::53"),
                        List.of("192.0.2.123", "ntp.example.org")))) {
            assertEquals(c, NetworkFile.parse(NetworkFile.render(c)));
        }
    }

    @Test
    void aFileWrittenByHandOnTheConsoleIsRead() {
        assertEquals(new NetworkConfig("enp1s0", "static", "10.0.2.15/24", "10.0.2.2", "", "",
                List.of("10.0.2.3", "10.0.2.4"), List.of()), NetworkFile.parse("""
                [Match]
                Name=enp1s0
                [Network]
                Address=10.0.2.15/24
                Gateway=10.0.2.2
                DNS=10.0.2.3 10.0.2.4
                """));
    }
}
