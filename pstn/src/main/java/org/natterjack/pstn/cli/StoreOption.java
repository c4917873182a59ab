package org.natterjack.pstn.cli;

import java.nio.file.Path;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.store.Store;
import picocli.CommandLine.Option;

/**
 * The store the PSTN commands edit: the SQLite file under {@code --data-dir}, or the one the gateway's configuration
 * file names ({@code --config}: a shared PostgreSQL store, and the plug-in's settings).
 */
abstract class StoreOption {

    /** Exit code for a refused change (as the core's command line uses for usage errors). */
    static final int REFUSED = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Store directory (default: $NATTERJACK_DATA_DIR, else ./data).")
    Path dataDir = GatewayConfig.DEFAULT_DATA_DIR;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration file: its store (e.g."
            + " a shared PostgreSQL) and settings (default: $NATTERJACK_CONFIG, else none).")
    Path config = GatewayConfig.DEFAULT_CONFIG;

    private Store store;

    GatewayConfig file() {
        return config == null ? GatewayConfig.defaults() : ConfigLoader.load(config);
    }

    /** The store, opened (and migrated) once per command. */
    Store store() {
        if (store == null) {
            store = Store.open(file().store(), dataDir);
        }
        return store;
    }

    PstnRepository open() {
        return new PstnRepository(store());
    }

    static int refuse(String problem) {
        System.err.println("natterjack: " + problem);
        return REFUSED;
    }
}
