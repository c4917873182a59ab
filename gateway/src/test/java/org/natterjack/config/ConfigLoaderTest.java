package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("natterjack.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private ConfigException failure(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void fullFileIsReadIntoEverySetting() throws IOException {
        GatewayConfig config = ConfigLoader.load(write("""
                data-dir: /var/lib/natterjack
                sip:
                  listen:
                    - 192.0.2.10:5060
                    - "[2001:db8::10]:5070"
                  domains: [Example.ORG, sip.example.org]
                  advertise: 198.51.100.1
                  max-message-bytes: 8192
                  max-headers: 50
                registrar:
                  min-expires: 120
                  max-expires: 7200
                  default-expires: 1800
                  max-contacts: 5
                auth:
                  realm: example.org
                  algorithms: [SHA-256, MD5]
                  nonce-lifetime-seconds: 600
                  failure-limit: 5
                  failure-window-seconds: 120
                  block-seconds: 900
                nat:
                  refresh-seconds: 150
                  keepalive-seconds: 25
                  keepalive-failures: 4
                  rewrite-contact: true
                relay:
                  enabled: true
                  always-anchor: true
                  port-min: 20000
                  port-max: 20999
                  interfaces:
                    - bind: 192.0.2.10
                      advertise: 198.51.100.1
                    - bind: "::"
                      advertise: "2001:db8::10"
                      port-min: 21000
                      port-max: 21999
                  media-timeout-seconds: 30
                  hold-timeout-seconds: 600
                  relatch-silence-seconds: 3
                  io-threads: 2
                """));

        assertEquals(Path.of("/var/lib/natterjack"), config.dataDir());
        assertEquals(List.of(ListenAddress.parse("192.0.2.10:5060"), ListenAddress.parse("[2001:db8::10]:5070")),
                config.sip().listen());
        assertEquals(List.of("example.org", "sip.example.org"), config.sip().domains());
        assertEquals(Optional.of(InetAddress.getByName("198.51.100.1")), config.sip().advertise());
        assertEquals(8192, config.sip().maxMessageBytes());
        assertEquals(50, config.sip().maxHeaders());
        assertEquals(new RegistrarSettings(120, 7200, 1800, 5), config.registrar());
        assertEquals(new AuthSettings(true, "example.org", List.of("SHA-256", "MD5"), 600, 5, 120, 900), config.auth());
        assertEquals(new NatSettings(150, 25, 4, true), config.nat());
        assertEquals(new RelaySettings(true, true, 20000, 20999, List.of(
                new RelayInterfaceSettings(InetAddress.getByName("192.0.2.10"),
                        Optional.of(InetAddress.getByName("198.51.100.1")), 0, 0),
                new RelayInterfaceSettings(InetAddress.getByName("::"),
                        Optional.of(InetAddress.getByName("2001:db8::10")), 21000, 21999)),
                30, 600, 3, 2), config.relay());
    }

    @Test
    void emptyFileGivesDefaults() throws IOException {
        assertEquals(GatewayConfig.defaults(), ConfigLoader.load(write("")));
        assertEquals(GatewayConfig.defaults(), ConfigLoader.load(write("  \n\n")));
    }

    @Test
    void fileWithOnlyCommentsGivesDefaults() throws IOException {
        // What a shipped sample configuration with everything commented out looks like.
        assertEquals(GatewayConfig.defaults(), ConfigLoader.load(write("""
                # Natterjack configuration
                # sip:
                #   listen: [0.0.0.0:5060]
                """)));
    }

    @Test
    void fileWithOnlyADocumentMarkerGivesDefaults() throws IOException {
        assertEquals(GatewayConfig.defaults(), ConfigLoader.load(write("---\n")));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig d = GatewayConfig.defaults();

        assertEquals(Path.of("data"), d.dataDir());
        assertEquals(List.of(ListenAddress.parse("0.0.0.0:5060")), d.sip().listen());
        assertEquals(List.of(), d.sip().domains());
        assertEquals(Optional.empty(), d.sip().advertise());
        assertEquals(new RegistrarSettings(60, 3600, 3600, 10), d.registrar());
        assertEquals(List.of("MD5"), d.auth().algorithms());
        assertEquals("natterjack", d.auth().realm());
        assertEquals(new NatSettings(60, 20, 3, false), d.nat());
        assertEquals(new RelaySettings(true, false, 20000, 29999, List.of(RelayInterfaceSettings.anyV4()),
                60, 3600, 5, 1), d.relay());
        assertEquals(Optional.empty(), d.relay().interfaces().get(0).advertise());
    }

    @Test
    void partialSectionKeepsDefaultsForTheRest() throws IOException {
        GatewayConfig config = ConfigLoader.load(write("""
                registrar:
                  max-contacts: 3
                """));

        assertEquals(new RegistrarSettings(60, 3600, 3600, 3), config.registrar());
        assertEquals(SipSettings.defaults(), config.sip());
    }

    @Test
    void missingFileIsAConfigException() {
        Path missing = dir.resolve("absent.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

        assertMentions(e.getMessage(), missing.toString(), "no such file");
    }

    @Test
    void unknownTopLevelKeyNamesFileLineAndKey() throws IOException {
        ConfigException e = failure("""
                data-dir: /tmp/nj
                sip:
                  listen: [192.0.2.10:5060]
                registar:
                  min-expires: 60
                """);

        assertMentions(e.getMessage(), "line 4", "registar");
    }

    @Test
    void unknownNestedKeyNamesFileLineAndKey() throws IOException {
        ConfigException e = failure("""
                # comment lines count too
                registrar:
                  min-expires: 60
                  max-expire: 600
                """);

        assertMentions(e.getMessage(), "line 4", "max-expire");
    }

    @Test
    void listenPortOutOfRangeNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                sip:
                  listen:
                    - 192.0.2.10:70000
                """);

        assertMentions(e.getMessage(), "sip.listen", "70000");
    }

    @Test
    void listenHostNameNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                sip:
                  listen: [gateway.example.org:5060]
                """);

        assertMentions(e.getMessage(), "sip.listen", "gateway.example.org");
    }

    @Test
    void maxExpiresBelowMinExpiresNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                registrar:
                  min-expires: 300
                  max-expires: 100
                """);

        assertMentions(e.getMessage(), "registrar.max-expires", "registrar.min-expires");
    }

    @Test
    void natRefreshBelowMinExpiresNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                registrar:
                  min-expires: 120
                  default-expires: 600
                nat:
                  refresh-seconds: 60
                """);

        assertMentions(e.getMessage(), "nat.refresh-seconds", "registrar.min-expires");
    }

    @Test
    void unknownAlgorithmNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                auth:
                  algorithms: [SHA-512]
                """);

        assertMentions(e.getMessage(), "auth.algorithms", "SHA-512");
    }

    @Test
    void wrongTypeNamesTheSetting() throws IOException {
        ConfigException e = failure("""
                registrar:
                  max-contacts: lots
                """);

        assertMentions(e.getMessage(), "line 2", "max-contacts");
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        ConfigException e = failure("""
                sip:
                  listen: [192.0.2.10:5060
                registrar: {
                """);

        assertTrue(e.getMessage().matches("(?s).* line \\d+.*"), e.getMessage());
    }

    @Test
    void relayPortRangeNamesTheSetting() throws IOException {
        assertMentions(failure("""
                relay:
                  port-min: 80
                """).getMessage(), "relay.port-min");
        assertMentions(failure("""
                relay:
                  port-min: 30000
                  port-max: 30000
                """).getMessage(), "relay.port-max", "pair");
    }

    @Test
    void relayInterfaceProblemsNameTheInterface() throws IOException {
        assertMentions(failure("""
                relay:
                  interfaces:
                    - bind: relay.example.org
                """).getMessage(), "line 2", "relay.interfaces[0]", "bind", "relay.example.org");
        assertMentions(failure("""
                relay:
                  interfaces:
                    - bind: 0.0.0.0
                    - bind: 192.0.2.7
                      advertise: "2001:db8::1"
                """).getMessage(), "relay.interfaces[1]", "advertise", "family");
        assertMentions(failure("""
                relay:
                  interfaces:
                    - advertise: 192.0.2.7
                """).getMessage(), "relay.interfaces[0]", "bind");
        assertMentions(failure("""
                relay:
                  interfaces:
                    - bind: 0.0.0.0
                      advertise: 0.0.0.0
                """).getMessage(), "relay.interfaces[0]", "advertise");
    }

    @Test
    void relayInterfacesPerFamilyAndOverlappingWildcardsAreRefused() throws IOException {
        assertMentions(failure("""
                relay:
                  interfaces:
                    - bind: 192.0.2.7
                    - bind: 192.0.2.8
                """).getMessage(), "relay.interfaces", "one IPv4");
        assertMentions(failure("""
                relay:
                  interfaces:
                    - bind: 0.0.0.0
                    - bind: "::"
                """).getMessage(), "relay.interfaces", "port-min");
        assertEquals(2, ConfigLoader.load(write("""
                relay:
                  interfaces:
                    - bind: 0.0.0.0
                    - bind: "2001:db8::7"
                """)).relay().interfaces().size());
    }

    @Test
    void relayTimesAndThreadsNameTheSetting() throws IOException {
        assertMentions(failure("relay:\n  media-timeout-seconds: -1\n").getMessage(), "relay.media-timeout-seconds");
        assertMentions(failure("relay:\n  hold-timeout-seconds: -1\n").getMessage(), "relay.hold-timeout-seconds");
        assertMentions(failure("relay:\n  relatch-silence-seconds: 0\n").getMessage(),
                "relay.relatch-silence-seconds");
        assertMentions(failure("relay:\n  io-threads: 0\n").getMessage(), "relay.io-threads");
        assertMentions(failure("relay:\n  relatch-silence: 5\n").getMessage(), "line 2", "relatch-silence");
    }

    @Test
    void aSharedStoreNeedsItsUrlAndOnePasswordWhichNeverPrints() throws IOException {
        assertMentions(failure("store:\n  engine: postgresql\n").getMessage(), "store.url");
        assertMentions(failure("store:\n  engine: oracle\n").getMessage(), "store.engine");
        Path secret = dir.resolve("db-password");
        Files.writeString(secret, "s3cret\n");
        assertMentions(failure("store:\n  engine: postgresql\n  url: jdbc:postgresql://db/nj\n  password: x\n"
                + "  password-file: " + secret + "\n").getMessage(), "password-file");

        GatewayConfig config = ConfigLoader.load(write("store:\n  engine: postgresql\n  url: jdbc:postgresql://db/nj\n"
                + "  password-file: " + secret + "\nnode:\n  name: gw-a\n  address: 192.0.2.10:5060\n"));

        assertEquals(Optional.of("s3cret"), config.store().password());
        assertTrue(config.store().shared());
        assertFalse(config.toString().contains("s3cret"), "settings end up in logs");
        assertEquals("gw-a", config.node().name());
        assertEquals(Optional.of(ListenAddress.parse("192.0.2.10:5060")), config.node().address());
        assertMentions(failure("node:\n  heartbeat-seconds: 5\n  dead-after-seconds: 6\n").getMessage(),
                "node.dead-after-seconds");
    }
}

