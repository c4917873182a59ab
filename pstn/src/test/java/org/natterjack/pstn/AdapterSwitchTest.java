package org.natterjack.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.location.NodeId;
import org.natterjack.plugin.SwitchState;
import org.natterjack.pstn.ami.FakeAmi;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.routing.TrunkHop;
import org.natterjack.store.Store;
import org.natterjack.store.SwitchChoice;
import org.natterjack.store.SwitchRepository;
import org.sqlite.SQLiteDataSource;

/**
 * The adapter switched on and off while the plug-in runs (a fake Asterisk manager interface, a real FastAGI
 * port): what is published, where trunk routes go, what is left behind, and the choice kept over a restart.
 */
class AdapterSwitchTest {

    @TempDir
    Path dir;
    private FakeAmi ami;
    private Store store;
    private FakeContext context;
    private int agiPort;
    private AdapterSwitch adapter;

    @BeforeEach
    void start() throws Exception {
        ami = new FakeAmi();
        store = Store.open(dir.resolve("data"));
        context = new FakeContext(store);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            agiPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (adapter != null) {
            adapter.close();
        }
        ami.close();
    }

    private PstnSettings settings(boolean enabled, int amiPort) {
        return new PstnSettings(enabled, dir.resolve("asterisk"), dir.resolve("dahdi"), "asterisk", List.of(),
                "127.0.0.1", 5080, amiPort, "natterjack", agiPort, 10, 500, 1, 30, 60, 1, "us", List.of("alaw"),
                Optional.empty());
    }

    private AdapterSwitch adapter(boolean fileEnabled) {
        adapter = new AdapterSwitch(context, settings(fileEnabled, ami.port()));
        adapter.startIfOn();
        return adapter;
    }

    private boolean agiListening() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), agiPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what);
    }

    /**
     * The live threads but asterisk-java's event pumps: a stopped connection's pump that loses a race in its stop
     * (the stop flag set after its last poll began) ends when that poll times out, a minute later.
     */
    private static Set<String> adapterThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> !n.startsWith("fake-ami") && !n.endsWith(":AsyncEventPump"))
                .collect(Collectors.toSet());
    }

    @Test
    void offByTheFileUntilSwitchedOnThenItRunsAndTheChoiceIsTheWebAdmins() throws Exception {
        AdapterSwitch pstn = adapter(false);
        assertEquals(SwitchState.ofFile(false, false, ""), pstn.state());
        assertEquals(new TrunkHop.Unavailable("the PSTN adapter is switched off"), pstn.resolve("lab", "1"));
        assertTrue(context.lookup(PstnApi.class).isEmpty());
        assertFalse(agiListening());

        SwitchState on = pstn.switchTo(true, "alice");
        assertTrue(on.enabled() && on.running(), on.toString());
        assertEquals(SwitchState.WEB_ADMIN, on.source());
        assertEquals("alice", on.changedBy());
        PstnApi api = context.lookup(PstnApi.class).orElseThrow();
        await(() -> api.asterisk().up(), "logged in to the fake AMI");
        assertTrue(agiListening(), "FastAGI port open");
        assertEquals(new TrunkHop.Unavailable("no trunk lab is configured"), pstn.resolve("lab", "1"),
                "trunk routes are the adapter's now");

        SwitchState off = pstn.switchTo(false, "bob");
        assertFalse(off.enabled() || off.running(), off.toString());
        assertEquals("bob", off.changedBy());
        assertTrue(context.lookup(PstnApi.class).isEmpty(), "its API is withdrawn");
        assertFalse(agiListening(), "FastAGI port closed");
        assertTrue(ami.actions().stream().anyMatch(a -> "Logoff".equalsIgnoreCase(a.get("action"))),
                "logged off from Asterisk: " + ami.actions());
        assertEquals(new TrunkHop.Unavailable("the PSTN adapter is switched off"), pstn.resolve("lab", "1"));
    }

    @Test
    void theWebAdminsChoiceWinsOverTheFileAfterARestart() {
        adapter(true).switchTo(false, "alice");
        adapter.close();
        AdapterSwitch again = adapter(true);
        assertFalse(again.state().running(), "switched off in the web admin, though the file says on");
        assertEquals("alice", again.state().changedBy());
        again.switchTo(true, "bob");
        adapter.close();
        assertTrue(adapter(false).state().running(), "switched on in the web admin, though the file says off");
    }

    @Test
    void aChoiceMadeByAReleaseBeforeTheCoreKeptSwitchesIsKept() throws Exception {
        Path old = dir.resolve("old");
        Store.open(old);
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + old.resolve(Store.FILE_NAME));
        Flyway.configure().dataSource(file).locations("classpath:db/pstn/sqlite").table("flyway_pstn_history")
                .baselineOnMigrate(true).baselineVersion("0").target("3").load().migrate();
        try (Connection c = file.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO pstn_adapter_switch VALUES (1, 0, 'alice', '2026-12-01T10:00:00Z')");
        }

        Store upgraded = Store.open(old);
        upgraded.migrate("pstn");

        assertEquals(Optional.of(new SwitchChoice(false, "alice", Instant.parse("2026-12-01T10:00:00Z"))),
                new SwitchRepository(upgraded, NodeId.LOCAL).choice(PstnPlugin.NAME));
    }

    @Test
    void repeatedOnAndOffLeavesNoThreadsNorSockets() throws Exception {
        AdapterSwitch pstn = adapter(false);
        pstn.switchTo(true, "alice");
        await(() -> context.lookup(PstnApi.class).orElseThrow().asterisk().up(), "first login");
        pstn.switchTo(false, "alice");
        Thread.sleep(300);
        Set<String> baseline = adapterThreads();
        for (int i = 0; i < 5; i++) {
            pstn.switchTo(true, "alice");
            await(() -> context.lookup(PstnApi.class).map(a -> a.asterisk().up()).orElse(false), "login " + i);
            assertTrue(agiListening(), "the FastAGI port is free again for the next start");
            pstn.switchTo(false, "alice");
        }
        await(() -> baseline.containsAll(adapterThreads()), "no thread left over: " + adapterThreads()
                + " beyond " + baseline);
        assertFalse(agiListening());
    }

    @Test
    void switchingOnWithoutAsteriskRunsAndSaysWhyTheLinkIsDown() throws Exception {
        ami.close();
        AdapterSwitch pstn = adapter(false);
        assertTrue(pstn.switchTo(true, "alice").running());
        PstnApi api = context.lookup(PstnApi.class).orElseThrow();
        await(() -> api.asterisk().reason().startsWith("cannot connect"), "link down: " + api.asterisk());
    }

    @Test
    void anAdapterThatCannotStartSaysWhyAndRoutesSayItToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(agiPort, 1, InetAddress.getLoopbackAddress())) {
            SwitchState state = adapter(false).switchTo(true, "alice");
            assertTrue(state.enabled());
            assertFalse(state.running());
            assertTrue(state.problem().contains("cannot listen for FastAGI"), state.problem());
            TrunkHop hop = adapter.resolve("lab", "1");
            assertTrue(((TrunkHop.Unavailable) hop).reason().startsWith("the PSTN adapter cannot start: "), hop.toString());
        }
        assertTrue(adapter.switchTo(true, "alice").running(), "switching on again tries again");
        assertEquals("", adapter.state().problem());
    }
}
