package org.natterjack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.network.api.NetworkBusy;
import org.natterjack.network.api.NetworkConfig;
import org.natterjack.network.api.NetworkInvalid;
import org.natterjack.network.api.NetworkStatus;
import org.natterjack.testing.MutableClock;

/** Apply, confirm or revert, with the clock moved by hand. */
class NetworkChangesTest {

    private static final NetworkConfig STATIC = new NetworkConfig("", "static", "10.0.2.15/24", "10.0.2.2", "", "",
            List.of("10.0.2.3"), List.of());
    private static final NetworkConfig OTHER = new NetworkConfig("", "static", "10.0.2.16/24", "10.0.2.2", "", "",
            List.of("10.0.2.3"), List.of());

    @TempDir
    Path dir;
    MutableClock clock;
    NetworkFiles files;
    NetworkChanges changes;

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        files = new NetworkFiles(dir.resolve("network"), dir.resolve("run/network-apply"));
        changes = new NetworkChanges(files, clock, Duration.ofSeconds(120), List::of);
    }

    private String request() throws Exception {
        return Files.readString(files.requestFile());
    }

    @Test
    void anAppliedChangeIsACandidateUntilConfirmedAtItsAddress() throws Exception {
        NetworkStatus s = changes.apply(STATIC);
        assertEquals("candidate\n", request());
        assertEquals(NetworkFile.render(new NetworkConfig("en* eth*", "static", "10.0.2.15/24", "10.0.2.2", "", "",
                List.of("10.0.2.3"), List.of())), Files.readString(files.candidate()));
        assertFalse(Files.exists(files.stored()));
        assertEquals(120, s.pending().orElseThrow().secondsLeft());
        assertEquals(List.of("10.0.2.15"), s.pending().orElseThrow().confirmAt());
        assertEquals(NetworkConfig.dhcpEverywhere(), s.settings(), "the stored settings are still the old ones");

        clock.advanceSeconds(100);
        assertEquals(20, changes.status().pending().orElseThrow().secondsLeft());
        NetworkBusy wrongAddress = assertThrows(NetworkBusy.class,
                () -> changes.confirm(InetAddress.getByName("192.0.2.77")));
        assertTrue(wrongAddress.getMessage().contains("confirm at the new address (10.0.2.15)"),
                wrongAddress.getMessage());

        s = changes.confirm(InetAddress.getByName("10.0.2.15"));
        assertTrue(s.pending().isEmpty());
        assertFalse(Files.exists(files.candidate()));
        assertEquals("10.0.2.15/24", s.settings().address());
        assertTrue(s.lastOutcome().orElseThrow().startsWith("confirmed at "), s.lastOutcome().toString());
        clock.advanceSeconds(600);
        changes.tick();
        assertEquals("candidate\n", request(), "no revert after a confirmation");
        assertEquals(STATIC.address(), changes.status().settings().address());
    }

    @Test
    void withoutConfirmationTheStoredSettingsComeBackAtTheDeadline() throws Exception {
        changes.apply(STATIC);
        changes.confirm(InetAddress.getByName("10.0.2.15"));
        String stored = Files.readString(files.stored());

        changes.apply(OTHER);
        clock.advanceSeconds(119);
        changes.tick();
        assertTrue(changes.status().pending().isPresent(), "one second left");
        assertEquals("candidate\n", request());

        clock.advanceSeconds(1);
        changes.tick();
        NetworkStatus s = changes.status();
        assertTrue(s.pending().isEmpty());
        assertEquals("stored\n", request());
        assertFalse(Files.exists(files.candidate()));
        assertEquals(stored, Files.readString(files.stored()), "the stored file is untouched");
        assertTrue(s.lastOutcome().orElseThrow().contains("was not confirmed within 120 s"), s.lastOutcome().toString());
        assertEquals("10.0.2.15/24", s.settings().address());
        assertThrows(NetworkBusy.class, () -> changes.confirm(InetAddress.getByName("10.0.2.16")),
                "too late to confirm");
    }

    @Test
    void aLoopbackConfirmationIsAcceptedAndDhcpCanBeConfirmedAnywhere() throws Exception {
        changes.apply(STATIC);
        changes.confirm(InetAddress.getLoopbackAddress());
        changes.apply(NetworkConfig.dhcp(""));
        assertEquals(List.of(), changes.status().pending().orElseThrow().confirmAt());
        changes.confirm(InetAddress.getByName("192.0.2.77"));
        assertEquals(NetworkConfig.dhcpEverywhere(), changes.status().settings());
    }

    @Test
    void oneChangeAtATimeAndNothingWrittenForInvalidSettings() throws Exception {
        NetworkInvalid invalid = assertThrows(NetworkInvalid.class, () -> changes.apply(
                new NetworkConfig("", "static", "10.0.2.15/24", "10.0.3.2", "", "", List.of(), List.of())));
        assertEquals(2, invalid.errors().size());
        assertFalse(Files.exists(files.candidate()) || Files.exists(files.requestFile()));

        changes.apply(STATIC);
        NetworkBusy busy = assertThrows(NetworkBusy.class, () -> changes.apply(OTHER));
        assertTrue(busy.getMessage().contains("waits for confirmation"), busy.getMessage());
        assertThrows(NetworkBusy.class, () -> new NetworkChanges(files, clock, Duration.ofSeconds(120), List::of)
                .confirm(InetAddress.getLoopbackAddress()), "nothing pending");
    }

    @Test
    void aCandidateLeftByAStoppedGatewayIsRevertedAtStart() throws Exception {
        changes.apply(STATIC);
        NetworkChanges restarted = new NetworkChanges(files, clock, Duration.ofSeconds(120), List::of);
        Files.delete(files.requestFile());
        restarted.recover();
        assertFalse(Files.exists(files.candidate()));
        assertEquals("stored\n", request());
        assertTrue(restarted.status().lastOutcome().orElseThrow().contains("restarted before"));

        Files.delete(files.requestFile());
        new NetworkChanges(files, clock, Duration.ofSeconds(120), List::of).recover();
        assertFalse(Files.exists(files.requestFile()), "nothing to revert, nothing asked");
    }
}
