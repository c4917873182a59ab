package org.natterjack.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.natterjack.Gateway;
import org.natterjack.config.ConfigException;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.ListenAddress;
import org.natterjack.plugin.FatalStartException;
import org.natterjack.sip.transport.TransportException;
import org.natterjack.store.StoreException;
import org.natterjack.systemd.ServiceNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natterjack run}: starts the gateway and serves until stopped (SIGINT/SIGTERM). */
@Command(name = "run", description = "Start the gateway.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: $NATTERJACK_CONFIG, else the embedded defaults).")
    Path config = GatewayConfig.DEFAULT_CONFIG;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Store directory (default: $NATTERJACK_DATA_DIR, else ./data).")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Listen for SIP on UDP and TCP here; repeatable; replaces the default 0.0.0.0:5060.")
    List<String> listen;

    @Option(names = "--domain", paramLabel = "NAME", description = "A local SIP domain; repeatable.")
    List<String> domains;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
            description = "Serve the web admin (HTTPS) here; sets plugins.web-admin.listen (default 0.0.0.0:8443).")
    String adminListen;

    @Override
    public Integer call() {
        GatewayConfig cfg;
        try {
            cfg = effectiveConfig();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("natterjack: " + e.getMessage());
            return Natterjack.CONFIG_ERROR;
        }
        // The hook goes in before the gateway starts: SIP is answered, and registrations acknowledged, while
        // the plug-ins still start, and a stop at that moment must write them like any other stop. The hook
        // waits for start-up to end (Gateway.start cleans up after itself when it fails).
        CompletableFuture<Gateway> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Optional<ServiceNotifier> systemd = ServiceNotifier.fromEnvironment(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.ifPresent(ServiceNotifier::stopping);
            try {
                started.join().close();
            } catch (CompletionException | CancellationException e) {
                LOG.debug("Stopped during a failed start-up");
            }
            stopped.countDown();
        }, "natterjack-shutdown"));
        try {
            started.complete(Gateway.start(cfg, Clock.systemUTC()));
            systemd.ifPresent(n -> n.ready("Serving SIP on " + cfg.sip().listen()));
        } catch (TransportException | StoreException | FatalStartException e) {
            started.completeExceptionally(e);
            LOG.error("Start-up failed: {}", e.getMessage());
            System.err.println("natterjack: " + e.getMessage());
            return Natterjack.STARTUP_ERROR;
        } catch (Exception e) {
            started.completeExceptionally(e);
            LOG.error("Start-up failed", e);
            System.err.println("natterjack: start-up failed: " + e);
            return Natterjack.STARTUP_ERROR;
        } finally {
            started.cancel(false); // after an Error: the hook must not wait for a start that never ends
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    GatewayConfig effectiveConfig() {
        GatewayConfig cfg = config == null ? GatewayConfig.defaults() : ConfigLoader.load(config);
        if (dataDir != null) {
            cfg = cfg.withDataDir(dataDir);
        }
        if (listen != null && !listen.isEmpty()) {
            List<ListenAddress> addresses = listen.stream().map(RunCommand::parseListen).toList();
            cfg = cfg.withSip(cfg.sip().withListen(addresses));
        }
        if (domains != null && !domains.isEmpty()) {
            cfg = cfg.withSip(cfg.sip().withDomains(domains));
        }
        if (adminListen != null) {
            try {
                ListenAddress.parse(adminListen);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--admin-listen " + e.getMessage());
            }
            cfg = cfg.withPlugins(cfg.plugins().with("web-admin", "listen", adminListen));
        }
        return cfg;
    }

    private static ListenAddress parseListen(String text) {
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen " + e.getMessage());
        }
    }
}
