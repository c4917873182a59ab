package org.natterjack.cli;

import java.nio.file.Path;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.StoreSettings;
import org.natterjack.store.Store;
import picocli.CommandLine.Option;

/**
 * The store a command edits: the SQLite file under {@code --data-dir}, or the one the gateway's configuration file
 * names ({@code --config}: a shared PostgreSQL store, and auth.realm for the commands that hash passwords).
 */
public abstract class StoreOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Store directory (default: $NATTERJACK_DATA_DIR, else ./data).")
    protected Path dataDir = GatewayConfig.DEFAULT_DATA_DIR;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration file: its store (e.g."
            + " a shared PostgreSQL) and auth.realm (default: $NATTERJACK_CONFIG, else none).")
    protected Path config = GatewayConfig.DEFAULT_CONFIG;

    private Store store;

    /** The configuration file's settings, or the defaults without {@code --config}. */
    protected GatewayConfig file() {
        return config == null ? GatewayConfig.defaults() : ConfigLoader.load(config);
    }

    /** The store, opened (and migrated) once per command. */
    protected Store store() {
        if (store == null) {
            StoreSettings settings = config == null ? StoreSettings.defaults() : file().store();
            store = Store.open(settings, dataDir);
        }
        return store;
    }
}
