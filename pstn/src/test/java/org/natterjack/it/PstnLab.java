package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.AmiListener;

/**
 * A gateway with the pstn plug-in and a real Asterisk, everything on loopback: the gateway on 127.0.0.1 (Asterisk
 * is its trusted peer there), the telephone network's stand-in (sipp behind a sip-peer trunk) on
 * {@value #PSTN}, and the SIP users on {@value #PHONES}, who must authenticate. Configure with {@link #cli}
 * before {@link #start}; {@link #close} stops everything.
 */
final class PstnLab implements AutoCloseable {

    static final String PSTN = "127.0.0.2";
    static final String PHONES = "127.0.0.3";
    static final String DOMAIN = "a.test";

    final Path dir;
    final List<String> netns;
    final int gatewayPort;
    final int asteriskPort;
    final int amiPort;
    final int agiPort;
    final Asterisk asterisk;
    GatewayProcess gateway;

    private PstnLab(Path dir, Asterisk asterisk, List<String> netns) throws IOException {
        this.dir = dir;
        this.asterisk = asterisk;
        this.netns = netns;
        this.gatewayPort = Ports.free();
        this.asteriskPort = Ports.free();
        this.amiPort = Ports.free();
        this.agiPort = Ports.free();
    }

    static PstnLab create(Path dir, String name) throws IOException, InterruptedException {
        return create(dir, name, List.of());
    }

    /** A lab whose gateway, Asterisk and exchange run after {@code netns} (e.g. in a NAT topology's public host). */
    static PstnLab create(Path dir, String name, List<String> netns) throws IOException, InterruptedException {
        return new PstnLab(dir, Asterisk.prepare(name, dir.resolve("asterisk-console.log"), netns), netns);
    }

    /** Runs the natterjack command line on the lab's store; it must succeed. */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("gw/data").toString()));
        GatewayProcess.CliResult r = GatewayProcess.run(List.of(), all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.output());
        return r.output();
    }

    /**
     * Starts the gateway (which writes Asterisk's configuration), then Asterisk; waits for the AMI login. The
     * gateway listens on 127.0.0.1 (for Asterisk) and on {@code listen} (for phones elsewhere), if given.
     */
    void start(String... listen) throws IOException, InterruptedException {
        start(List.of(), listen);
    }

    /** The same, with {@code options} added to the gateway's command line (e.g. {@code --admin-listen}). */
    void start(List<String> options, String... listen) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(options);
        for (String address : listen) {
            // First: the gateway advertises its first specific listen address, for SIP and the media relay.
            args.addAll(List.of("--listen", address));
        }
        args.addAll(List.of("--listen", "127.0.0.1:" + gatewayPort, "--domain", DOMAIN));
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                nat:
                  keepalive-seconds: 0
                proxy:
                  trusted-peers: ["127.0.0.1/32"]
                plugins:
                  pstn:
                    enabled: true
                    asterisk-config-dir: %s
                    dahdi-config-dir: %s
                    asterisk-group: "%s"
                    sip-port: %d
                    ami-port: %d
                    agi-port: %d
                    ping-seconds: 1
                    timeout-ms: 1000
                    reconnect-max-seconds: 2
                    span-poll-seconds: 2
                    ring-seconds: 20
                  test-admission:
                    file: %s
                """.formatted(asterisk.etc(), asterisk.dahdi(), asterisk.group(), asteriskPort, amiPort, agiPort,
                        drainFile()),
                netns,
                args.toArray(String[]::new));
        asterisk.start();
        awaitLog("AMI: logged in", 1);
    }

    /** While this file exists the gateway drains, as before an upgrade ({@link AdmissionFilePlugin}). */
    Path drainFile() {
        return dir.resolve("drain");
    }

    /** Drains the gateway's admission, or admits again; returns once the gateway logged the change. */
    void drain(boolean on) throws IOException, InterruptedException {
        int before = count(gateway.log(), on ? "Test admission: draining" : "Test admission: admitting");
        if (on) {
            Files.writeString(drainFile(), "");
        } else {
            Files.delete(drainFile());
        }
        awaitLog(on ? "Test admission: draining" : "Test admission: admitting", before + 1);
    }

    /** Waits (bounded, 15 s) until the gateway log holds {@code text} at least {@code times} times. */
    void awaitLog(String text, int times) throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (count(gateway.log(), text) >= times) {
                return;
            }
            Thread.sleep(100);
        }
        fail("gateway log has not " + times + " x '" + text + "' within 15 s:\n" + gateway.log()
                + "\n--- Asterisk:\n" + asterisk.log());
    }

    /** A call's record in the gateway's store, as {@code q850 hung_up_by status} (waits, bounded, 10 s). */
    String callRecord(String dialled) throws SQLException, InterruptedException {
        String url = "jdbc:sqlite:" + gateway.dataDir().resolve("natterjack.db");
        for (int i = 0; i < 100; i++) {
            try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                    "SELECT q850, hung_up_by, status FROM call_record WHERE dialled = ? ORDER BY id DESC")) {
                ps.setString(1, dialled);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3);
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("no call record for " + dialled);
        return "";
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** A SIP user registered from {@value #PHONES} that answers calls (uas-answer.xml) for {@code millis}. */
    Sipp.Running phone(String user, int millis) throws IOException, InterruptedException, java.sql.SQLException {
        int port = Ports.free();
        Sipp.Running running = Sipp.start(dir.resolve("phones"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + gatewayPort, List.of("-i", PHONES, "-p", Integer.toString(port), "-au", user,
                        "-ap", "pw-" + user, "-key", "user", user, "-key", "domain", DOMAIN,
                        "-key", "contact", "Contact: <sip:" + user + "@" + PHONES + ":" + port + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve("uas-answer.xml").toString(), "-d", Integer.toString(millis)));
        gateway.awaitBindings("sip:" + user + "@" + DOMAIN, 1);
        return running;
    }

    /** The exchange (from {@value #PSTN}, caller 0301234) calling {@code did} at Asterisk with {@code scenario}. */
    Sipp.Result exchangeCalls(String scenario, String did) throws IOException, InterruptedException {
        String at = "127.0.0.1:" + asteriskPort;
        return Sipp.run(dir.resolve("pstn"), List.of(), scenario, at, List.of("-i", PSTN,
                "-p", Integer.toString(Ports.free()), "-mp", Integer.toString(Ports.free()), "-key", "callee", did,
                "-key", "domain", at, "-key", "caller", "0301234", "-key", "caller_domain", PSTN, "-d", "1000"));
    }

    /**
     * A second AMI client, logged in with the adapter's account (its secret from the generated manager.conf);
     * the caller closes it.
     */
    AmiLink amiClient() throws IOException, InterruptedException {
        String secret = Files.readAllLines(asterisk.etc().resolve("manager.conf")).stream()
                .filter(l -> l.startsWith("secret=")).findFirst().orElseThrow().substring("secret=".length());
        AmiLink link = new AmiLink("127.0.0.1", amiPort, "natterjack", secret, Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Clock.systemUTC(), new AmiListener() {
                    @Override
                    public void connected(AmiLink l) {
                    }

                    @Override
                    public void event(ManagerEvent event) {
                    }

                    @Override
                    public void disconnected(String reason) {
                    }
                });
        link.start();
        for (int i = 0; i < 100 && !link.state().up(); i++) {
            Thread.sleep(100);
        }
        assertTrue(link.state().up(), link.state().toString());
        return link;
    }

    @Override
    public void close() throws IOException {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            asterisk.close();
        }
    }
}
