package org.natterjack.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.config.StoreSettings;
import org.natterjack.testing.PostgresServer;

/**
 * Repository tests run on SQLite; their {@code Postgres...} subclasses run the same tests on a real PostgreSQL
 * ({@link PostgresServer}), a fresh database per test. Each {@link #open()} is a separate opening of the one store,
 * as the gateway and the command line are.
 */
abstract class StoreTestBase {

    @TempDir
    Path dataDir;

    private final List<Store> opened = new ArrayList<>();
    private StoreSettings settings;

    /** The store the tests run on; a subclass names a PostgreSQL one. */
    StoreSettings settings() throws Exception {
        return StoreSettings.defaults();
    }

    static StoreSettings freshPostgres() throws Exception {
        return PostgresServer.shared().freshStore();
    }

    @BeforeEach
    final void chooseStore() throws Exception {
        settings = settings();
    }

    Store open() {
        Store store = Store.open(settings, dataDir);
        opened.add(store);
        return store;
    }

    /**
     * Runs {@code refresh} until {@code seen} holds (bounded: 5 s). SQLite's watch sees another connection's commit
     * at once; a shared store's change arrives as a notification a moment later.
     */
    static void refreshUntil(Runnable refresh, BooleanSupplier seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        refresh.run();
        while (!seen.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            refresh.run();
        }
    }

    @AfterEach
    final void closeStores() {
        opened.forEach(Store::close);
    }
}
