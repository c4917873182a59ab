package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where users, routes, settings and bindings live ({@code store} in the configuration file): the embedded SQLite
 * file under the data directory (one gateway), or a PostgreSQL database that several gateways share.
 *
 * @param engine {@code sqlite} or {@code postgresql}
 * @param url the PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/db}); empty for SQLite
 * @param username the database role
 * @param password its password, read from {@code password-file} when that is set (so the file can stay private)
 * @param poolSize connections kept open to the database
 * @param writeBacklog binding changes kept in memory while the database refuses writes; beyond, new registrations
 *                     are refused with 503 until it takes them
 * @param maxStaleSeconds how long a node cut off from a shared store goes on with the accounts and routes it last
 *                        read; beyond, registrations and new calls are refused with 503 until it hears it again
 */
public record StoreSettings(String engine, Optional<String> url, String username, Optional<String> password,
                            int poolSize, int writeBacklog, int maxStaleSeconds) {

    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";
    public static final int DEFAULT_WRITE_BACKLOG = 200_000;

    public StoreSettings {
        if (!engine.equals(SQLITE) && !engine.equals(POSTGRESQL)) {
            throw new IllegalArgumentException("store.engine must be sqlite or postgresql");
        }
        if (engine.equals(POSTGRESQL) && url.filter(u -> u.startsWith("jdbc:postgresql:")).isEmpty()) {
            throw new IllegalArgumentException("store.url must be a jdbc:postgresql://HOST[:PORT]/DATABASE URL"
                    + " when store.engine is postgresql");
        }
        if (poolSize < 2 || poolSize > 100) {
            throw new IllegalArgumentException("store.pool-size must be 2-100");
        }
        if (writeBacklog < 100 || writeBacklog > 10_000_000) {
            throw new IllegalArgumentException("store.write-backlog must be 100-10000000");
        }
        if (maxStaleSeconds < 10 || maxStaleSeconds > 86_400) {
            throw new IllegalArgumentException("store.max-stale-seconds must be 10-86400");
        }
    }

    public boolean shared() {
        return engine.equals(POSTGRESQL);
    }

    public static StoreSettings defaults() {
        return of(null, null, null, null, null, null, null, null);
    }

    /** A PostgreSQL store, for tests and tools. */
    public static StoreSettings postgresql(String url, String username, String password) {
        return new StoreSettings(POSTGRESQL, Optional.of(url), username, Optional.ofNullable(password), 8,
                DEFAULT_WRITE_BACKLOG, 300);
    }

    @JsonCreator
    static StoreSettings of(@JsonProperty("engine") String engine, @JsonProperty("url") String url,
                            @JsonProperty("username") String username, @JsonProperty("password") String password,
                            @JsonProperty("password-file") String passwordFile,
                            @JsonProperty("pool-size") Integer poolSize,
                            @JsonProperty("write-backlog") Integer writeBacklog,
                            @JsonProperty("max-stale-seconds") Integer maxStaleSeconds) {
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException("store: set password or password-file, not both");
        }
        return new StoreSettings(engine == null ? SQLITE : engine.toLowerCase(Locale.ROOT),
                Optional.ofNullable(url).filter(u -> !u.isBlank()), username == null ? "natterjack" : username,
                passwordFile == null ? Optional.ofNullable(password) : Optional.of(read(passwordFile)),
                poolSize == null ? 8 : poolSize, writeBacklog == null ? DEFAULT_WRITE_BACKLOG : writeBacklog,
                maxStaleSeconds == null ? 300 : maxStaleSeconds);
    }

    private static String read(String passwordFile) {
        try {
            return Files.readString(Path.of(passwordFile)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("store.password-file " + passwordFile + " cannot be read: "
                    + e.getMessage());
        }
    }

    @Override
    public String toString() {
        // Never print the password (settings end up in logs and error messages).
        return "StoreSettings[" + engine + url.map(u -> " " + u).orElse("") + "]";
    }
}
