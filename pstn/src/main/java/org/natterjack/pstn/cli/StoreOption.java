package org.natterjack.pstn.cli;

import java.nio.file.Path;
import org.natterjack.config.GatewayConfig;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.store.Store;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of the commands that edit the store. */
abstract class StoreOption {

    /** Exit code for a refused change (as the core's command line uses for usage errors). */
    static final int REFUSED = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Store directory (default: $NATTERJACK_DATA_DIR, else ./data).")
    Path dataDir = GatewayConfig.DEFAULT_DATA_DIR;

    PstnRepository open() {
        return new PstnRepository(Store.open(dataDir));
    }

    static int refuse(String problem) {
        System.err.println("natterjack: " + problem);
        return REFUSED;
    }
}
