package org.natterjack.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.natterjack.config.StoreSettings;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind the gateway: the embedded SQLite file under the data directory (the default, one gateway), or
 * a PostgreSQL database several gateways share. Created and migrated with Flyway when opened.
 *
 * <p>Migrations live per engine, {@code db/MODULE/sqlite} and {@code db/MODULE/postgresql}, and, once written in SQL
 * both engines accept, in {@code db/MODULE/common}. SQLite's V1-V12 are the scripts installed stores were migrated
 * with (Flyway checks their checksums, so they never change); PostgreSQL starts from one V12 that creates the same
 * schema in its own types. Later versions go to {@code common} where the SQL allows it.
 *
 * <p>SQLite runs in WAL mode so that the command line ({@code natterjack user add}) can write while the gateway
 * runs; PostgreSQL is reached through a HikariCP pool.
 */
public final class Store implements AutoCloseable {

    public static final String FILE_NAME = "natterjack.db";

    /** The database engines the store runs on. */
    public enum Engine {
        SQLITE, POSTGRESQL;

        String folder() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** SQL for the database's clock in epoch milliseconds: the one clock all nodes of a shared store agree on. */
        String nowMillis() {
            return this == SQLITE ? "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
                    : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
        }
    }

    private final Engine engine;
    private final DataSource dataSource;
    private final String name;
    private final StoreChanges changes;

    private Store(Engine engine, DataSource dataSource, String name) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.name = name;
        this.changes = engine == Engine.POSTGRESQL ? StoreChanges.listening(dataSource, name) : StoreChanges.none();
    }

    /**
     * Opens (creating if needed) the SQLite store in {@code dataDir} and applies pending migrations.
     *
     * @throws StoreException if the directory cannot be created or the database cannot be migrated
     */
    public static Store open(Path dataDir) {
        return open(StoreSettings.defaults(), dataDir);
    }

    /**
     * Opens the store {@code settings} name (SQLite in {@code dataDir}, or PostgreSQL) and applies pending
     * migrations.
     *
     * @throws StoreException if the database cannot be reached or migrated
     */
    public static Store open(StoreSettings settings, Path dataDir) {
        try {
            // The node's own files (certificates, keys, network settings) live there whatever holds the rest.
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Store store = settings.shared() ? postgresql(settings) : sqlite(dataDir);
        try {
            store.migrate("migration", "flyway_schema_history", false);
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        store.changes.start();
        return store;
    }

    private static Store sqlite(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return new Store(Engine.SQLITE, dataSource, file.toString());
    }

    private static Store postgresql(StoreSettings settings) {
        String url = settings.url().orElseThrow();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.username());
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(2);
        config.setPoolName("natterjack-store");
        // Fail fast: a caller waiting on a lost database must get an error it can act on, not hang a SIP thread.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "natterjack");
        // A flush's batch of binding upserts goes as multi-row statements: fewer round trips and less driver work.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new Store(Engine.POSTGRESQL, new HikariDataSource(config), url);
        } catch (RuntimeException e) {
            // Hikari checks one connection at start: an unreachable database or a refused login ends up here.
            throw new StoreException("cannot connect to " + url + " as " + settings.username() + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Applies the migrations of a plug-in module ({@code classpath:db/MODULE/...}), tracked in their own history
     * table so that the core's and each module's versions never collide, and a store stays usable
     * without the module.
     *
     * @throws StoreException if the migration fails
     */
    public void migrate(String module) {
        if (!module.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("module name '" + module + "' is not [a-z][a-z0-9_]*");
        }
        migrate(module, "flyway_" + module + "_history", true);
    }

    private void migrate(String module, String historyTable, boolean baseline) {
        List<String> locations = new ArrayList<>();
        for (String folder : List.of("common", engine.folder())) {
            if (Store.class.getClassLoader().getResource("db/" + module + "/" + folder) != null) {
                locations.add("classpath:db/" + module + "/" + folder);
            }
        }
        try {
            // A newer release's migrations are ignored, not refused: after an appliance rolls back, the older
            // release runs on the store the newer one migrated (so migrations only add, never rename or drop).
            Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new))
                    .table(historyTable).baselineOnMigrate(baseline).baselineVersion("0")
                    .ignoreMigrationPatterns("*:future").load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate " + name + (baseline ? " for " + module : "") + ": "
                    + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    public Engine engine() {
        return engine;
    }

    /** Shared by several gateways (PostgreSQL): changes made elsewhere arrive as notifications. */
    public boolean shared() {
        return engine == Engine.POSTGRESQL;
    }

    /** The SQLite file or the PostgreSQL URL, for messages. */
    public String name() {
        return name;
    }

    /** A watch on {@code tables}: tells whether another connection (or gateway) changed them since the last look. */
    ChangeWatch watch(Set<String> tables) {
        return engine == Engine.POSTGRESQL ? changes.watch(tables) : new SqliteChangeWatch(this);
    }

    /**
     * How long this node has been cut off from a shared store's changes (its listener cannot reach the database):
     * what it knows of accounts and routes may be that old. Zero while it hears them, and always for SQLite.
     */
    public java.time.Duration unheardFor() {
        return changes.unheardFor();
    }

    /**
     * Tells this process's watches on {@code table} that it just committed a change there, so they see it without
     * waiting for the notification (SQLite's watches see it anyway).
     */
    void wrote(String table) {
        changes.wrote(table);
    }

    /**
     * Runs {@code reload} on the store's listener thread whenever another gateway or connection commits a change to
     * the configuration tables. Nothing with SQLite, where the repositories look for changes themselves.
     */
    public void onChange(Runnable reload) {
        changes.onChange(reload);
    }

    /** Where the store announces changes to bindings, and hears of other gateways' (PostgreSQL only). */
    public StoreChanges changes() {
        return changes;
    }

    @Override
    public void close() {
        changes.close();
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
