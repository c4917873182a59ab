package org.natterjack.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database under the data directory, created and migrated with Flyway when opened.
 *
 * <p>WAL mode lets the command line ({@code natterjack user add}) write while the gateway runs.
 */
public final class Store {

    public static final String FILE_NAME = "natterjack.db";

    private final SQLiteDataSource dataSource;
    private final Path file;

    private Store(Path file, SQLiteDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir} and applies pending migrations.
     *
     * @throws StoreException if the directory cannot be created or the database cannot be migrated
     */
    public static Store open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            // A newer release's migrations are ignored, not refused: after an appliance rolls back, the older
            // release runs on the store the newer one migrated (so migrations only add, never rename or drop).
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .ignoreMigrationPatterns("*:future").load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate " + file + ": " + e.getMessage(), e);
        }
        return new Store(file, dataSource);
    }

    /**
     * Applies the migrations of a plug-in module ({@code classpath:db/MODULE}), tracked in their own history
     * table so that the core's and each module's versions never collide, and a store stays usable
     * without the module.
     *
     * @throws StoreException if the migration fails
     */
    public void migrate(String module) {
        if (!module.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("module name '" + module + "' is not [a-z][a-z0-9_]*");
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/" + module)
                    .table("flyway_" + module + "_history").baselineOnMigrate(true).baselineVersion("0")
                    .ignoreMigrationPatterns("*:future").load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate " + file + " for " + module + ": " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    public Path file() {
        return file;
    }
}
