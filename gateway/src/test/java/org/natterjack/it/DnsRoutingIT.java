package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to another domain found in DNS (RFC 3263), with a real DNS server (dnsmasq) on loopback: NAPTR
 * points at SRV records whose first target never answers and whose second is a sipp callee. Only
 * authenticated local users get there; an outside caller is refused even with DNS routing on.
 */
class DnsRoutingIT {

    @TempDir
    static Path dir;
    static Dnsmasq dns;
    static GatewayProcess gateway;
    static int port;
    static int calleePort;
    /** The first SRV target: bound, so no one else takes its port, and silent. */
    static DatagramSocket deadServer;

    @BeforeAll
    static void start() throws Exception {
        deadServer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        calleePort = Ports.free();
        dns = Dnsmasq.start(dir.resolve("dns"), List.of(
                "--naptr-record=far.test,10,10,S,SIP+D2U,,_sip._udp.far.test",
                "--srv-host=_sip._udp.far.test,first.far.test," + deadServer.getLocalPort() + ",10,0",
                "--srv-host=_sip._udp.far.test,second.far.test," + calleePort + ",20,0",
                "--host-record=first.far.test,127.0.0.1",
                "--host-record=second.far.test,127.0.0.1"));
        port = Ports.free();
        GatewayProcess.CliResult added = GatewayProcess.run(List.of(), "user", "add", "alice", "--password", "pw-alice",
                "--domain", "near.test", "--data-dir", dir.resolve("gw/data").toString());
        assertEquals(0, added.exitCode(), added.output());
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                proxy:
                  failover-seconds: 2
                dns:
                  foreign-domains: true
                  timeout-ms: 1000
                  servers: ["127.0.0.1:%d"]
                """.formatted(dns.port()), List.of(), "--listen", "127.0.0.1:" + port, "--domain", "near.test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (deadServer != null) {
            deadServer.close();
        }
    }

    private static List<String> caller(String user, String callee, String domain) throws Exception {
        return List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", callee,
                "-key", "domain", domain, "-key", "caller", user, "-key", "caller_domain", "near.test",
                "-au", user, "-ap", "pw-" + user, "-d", "500");
    }

    @Test
    void localUserReachesAnotherDomainThroughNaptrAndSrvWithFailover() throws Exception {
        Sipp.Running bob = Sipp.start(dir.resolve("bob"), List.of(), "uas-answer.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(calleePort)));
        Sipp.Result alice = Sipp.run(dir.resolve("alice"), List.of(), "uac-call-auth.xml", "127.0.0.1:" + port,
                caller("alice", "bob", "far.test"));
        assertEquals(0, alice.exitCode(), "the call reached the second SRV target after the first stayed silent");
        SipTrace.Message invite = bob.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertEquals("INVITE sip:bob@far.test SIP/2.0", invite.firstLine(),
                "the Request-URI keeps the domain; DNS only chose where to send it");
        String queries = dns.log();
        assertTrue(queries.contains("query[NAPTR] far.test") && queries.contains("query[SRV] _sip._udp.far.test"),
                "resolved by NAPTR then SRV: " + queries);
    }

    @Test
    void anUnknownDomainGets404() throws Exception {
        Sipp.Result alice = Sipp.run(dir.resolve("alice"), List.of(), "uac-expect-auth.xml", "127.0.0.1:" + port,
                caller("alice", "bob", "nowhere.test"));
        assertEquals(404, alice.lastReceived().status());
    }

    @Test
    void outsideCallersStillCannotRelay() throws Exception {
        Sipp.Result stranger = Sipp.run(dir.resolve("stranger"), List.of(), "uac-expect.xml", "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", "bob",
                        "-key", "domain", "far.test", "-key", "caller", "zoe", "-key", "caller_domain", "198.51.100.7"));
        assertEquals(403, stranger.lastReceived().status());
    }
}
