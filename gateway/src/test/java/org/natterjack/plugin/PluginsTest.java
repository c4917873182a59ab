package org.natterjack.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.admission.Admission;
import org.natterjack.config.ConfigException;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.jobs.Jobs;
import org.natterjack.location.NodeId;
import org.natterjack.metrics.Metrics;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.TrunkHop;
import org.natterjack.store.Store;

/**
 * Plug-ins found through ServiceLoader (a services file in a class loader of the test's own): started with
 * their settings, a failing one left out without harm to the others, and everything they were lent taken
 * back when they stop.
 */
class PluginsTest {

    /** Records what happened to the test plug-ins. */
    static final List<String> EVENTS = new ArrayList<>();
    static final AtomicInteger JOB_RUNS = new AtomicInteger();

    /** Settings of {@link Good}: {@code plugins.good.greeting}. */
    record GoodSettings(String greeting) {
        @JsonCreator
        static GoodSettings of(@JsonProperty("greeting") String greeting) {
            return new GoodSettings(greeting == null ? "hello" : greeting);
        }
    }

    /** Provides trunks, a service and a job. */
    public static final class Good implements GatewayPlugin {
        @Override
        public String name() {
            return "good";
        }

        @Override
        public void start(GatewayContext context) {
            EVENTS.add("good start " + context.settings(GoodSettings.class).greeting() + " " + context.sipAddress());
            context.provideTrunks((trunk, number) -> new TrunkHop.Available("127.0.0.1", 5080, "udp",
                    trunk + "-" + number));
            context.publish(CharSequence.class, "good's service");
            context.contributeBackup(new TableBackup("good", List.of(), data -> { }));
            context.every(Duration.ofMillis(50), "tick", JOB_RUNS::incrementAndGet);
        }

        @Override
        public void close() {
            EVENTS.add("good close");
        }
    }

    /** Grabs trunks and a service, then fails. */
    public static final class Bad implements GatewayPlugin {
        @Override
        public String name() {
            return "bad";
        }

        @Override
        public void start(GatewayContext context) {
            context.publish(Integer.class, 42);
            context.contributeBackup(new TableBackup("bad", List.of(), data -> { }));
            throw new IllegalStateException("Asterisk's address is not a trusted peer");
        }

        @Override
        public void close() {
            EVENTS.add("bad close");
        }
    }

    /** Cannot bind its port, and the gateway must not run without it. */
    public static final class Fatal implements GatewayPlugin {
        @Override
        public String name() {
            return "fatal";
        }

        @Override
        public void start(GatewayContext context) {
            context.publish(Long.class, 7L);
            throw new FatalStartException("cannot listen on 0.0.0.0:8443/tcp: Address already in use", null);
        }

        @Override
        public void close() {
            EVENTS.add("fatal close");
        }
    }

    @TempDir
    Path dir;
    private ClassLoader previous;
    private Jobs jobs;

    @BeforeEach
    void plugInsOnTheClassPath() throws Exception {
        EVENTS.clear();
        installed(Bad.class, Good.class);
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()},
                previous));
        jobs = new Jobs();
        jobs.start();
    }

    @AfterEach
    void restore() {
        jobs.close();
        Thread.currentThread().setContextClassLoader(previous);
    }

    /** The plug-ins the ServiceLoader finds, in this order. */
    private void installed(Class<?>... plugins) throws Exception {
        Path services = dir.resolve("cp/META-INF/services/" + GatewayPlugin.class.getName());
        Files.createDirectories(services.getParent());
        StringBuilder names = new StringBuilder();
        for (Class<?> plugin : plugins) {
            names.append(plugin.getName()).append('\n');
        }
        Files.writeString(services, names);
    }

    private GatewayConfig config(String yaml) throws Exception {
        Path file = dir.resolve("natterjack.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file).withDataDir(dir.resolve("data"));
    }

    @Test
    void aFailingPlugInIsLeftOutAndTheOthersRun() throws Exception {
        Plugins plugins = new Plugins();
        assertEquals(new TrunkHop.Unavailable("no PSTN adapter is running"), plugins.trunks().resolve("city", "1"));
        GatewayConfig config = config("sip:\n  listen: [\"0.0.0.0:5070\"]\nplugins:\n  good:\n    greeting: hi\n");
        PluginContext probe = new PluginContext("probe", plugins, new LiveConfig(config), Clock.systemUTC(), null,
                NodeId.LOCAL, null, jobs, null, new Admission(), null, new Monitoring(Metrics.off(), null));
        plugins.start(new LiveConfig(config), Clock.systemUTC(), Store.open(config.dataDir()), NodeId.LOCAL,
                () -> new RoutingTable(List.of(), List.of()), jobs, null, new Admission(), null, new Monitoring(Metrics.off(), null));

        assertEquals(List.of("bad close", "good start hi " + new InetSocketAddress("127.0.0.1", 5070)), EVENTS,
                "the failed plug-in was closed; the good one got its settings and a loopback SIP address");
        assertEquals(new TrunkHop.Available("127.0.0.1", 5080, "udp", "city-1"), plugins.trunks().resolve("city", "1"));
        assertEquals("good's service", probe.lookup(CharSequence.class).orElseThrow());
        assertFalse(probe.lookup(Integer.class).isPresent(), "what the failed plug-in published was withdrawn");
        assertEquals(List.of("good"), plugins.backupParts().stream().map(BackupPart::name).toList(),
                "the failed plug-in's backup part was withdrawn");

        Thread.sleep(300);
        assertTrue(JOB_RUNS.get() > 0, "the good plug-in's job runs");
        plugins.close();
        int runs = JOB_RUNS.get();
        Thread.sleep(300);
        assertTrue(JOB_RUNS.get() <= runs + 1, "a stopped plug-in's job no longer runs its task");
        assertEquals("good close", EVENTS.get(EVENTS.size() - 1));
        assertEquals(List.of(), plugins.backupParts());
        assertEquals(new TrunkHop.Unavailable("no PSTN adapter is running"), plugins.trunks().resolve("city", "1"));
    }

    @Test
    void aFatalFailureStopsStartUpInsteadOfLeavingThePlugInOut() throws Exception {
        installed(Good.class, Fatal.class, Bad.class);
        Plugins plugins = new Plugins();
        LiveConfig config = new LiveConfig(config(""));
        PluginContext probe = new PluginContext("probe", plugins, config, Clock.systemUTC(), null, NodeId.LOCAL, null, jobs, null,
                new Admission(), null, new Monitoring(Metrics.off(), null));

        FatalStartException e = assertThrows(FatalStartException.class, () -> plugins.start(config,
                Clock.systemUTC(), Store.open(config.started().dataDir()), NodeId.LOCAL,
                () -> new RoutingTable(List.of(), List.of()),
                jobs, null, new Admission(), null, new Monitoring(Metrics.off(), null)));

        assertEquals("cannot listen on 0.0.0.0:8443/tcp: Address already in use", e.getMessage());
        assertEquals(List.of("good start hello " + new InetSocketAddress("127.0.0.1", 5060), "fatal close"), EVENTS,
                "the fatal plug-in was closed, and no plug-in after it was started");
        assertFalse(probe.lookup(Long.class).isPresent(), "what the fatal plug-in published was withdrawn");
        plugins.close();
        assertEquals("good close", EVENTS.get(EVENTS.size() - 1), "the caller closes the plug-ins started before");
    }

    @Test
    void aPlugInWithdrawsOnlyWhatItPublished() throws Exception {
        Plugins plugins = new Plugins();
        LiveConfig config = new LiveConfig(config(""));
        PluginContext pstn = new PluginContext("pstn", plugins, config, Clock.systemUTC(), null, NodeId.LOCAL, null, jobs, null,
                new Admission(), null, new Monitoring(Metrics.off(), null));
        PluginContext other = new PluginContext("other", plugins, config, Clock.systemUTC(), null, NodeId.LOCAL, null, jobs, null,
                new Admission(), null, new Monitoring(Metrics.off(), null));
        pstn.publish(CharSequence.class, "pstn's api");

        other.withdraw(CharSequence.class);
        assertEquals("pstn's api", other.lookup(CharSequence.class).orElseThrow(), "only its publisher withdraws it");
        pstn.withdraw(CharSequence.class);
        assertFalse(other.lookup(CharSequence.class).isPresent(), "withdrawn while the plug-in runs on");
        pstn.withdraw(CharSequence.class);
        pstn.publish(CharSequence.class, "pstn's api again");
        assertEquals("pstn's api again", other.lookup(CharSequence.class).orElseThrow(), "published again");
    }

    @Test
    void pluginSettingsAreAsStrictAsTheFile() throws Exception {
        GatewayConfig config = config("plugins:\n  good:\n    greting: hi\n");
        String message = assertThrows(ConfigException.class, () -> config.plugins().bind("good", GoodSettings.class))
                .getMessage();
        assertTrue(message.startsWith("plugins.good: unknown setting 'greting'"), message);
        assertEquals("hello", config("plugins:\n  good:\n").plugins().bind("good", GoodSettings.class).greeting(),
                "an empty section means the defaults");
    }

    @Test
    void commandsOfEveryPlugInAreCollected() {
        assertEquals(List.of(), Plugins.commands(), "the test plug-ins contribute none");
    }
}
