package org.natterjack.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.natterjack.config.StoreSettings;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, made by {@code initdb} in a temporary directory
 * and run with {@code pg_ctl} on 127.0.0.1 as the {@code postgres} user (PostgreSQL refuses to run as root). One per
 * test JVM ({@link #shared()}); each test takes a {@link #freshDatabase() fresh database} in it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "natterjack";
    public static final String PASSWORD = "store-secret";

    private static PostgresServer shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final List<String> prefix;
    private final String address;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, Path bin, int port, List<String> prefix, String address) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.prefix = prefix;
        this.address = address;
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start(List.of(), "127.0.0.1");
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        }
        return shared;
    }

    /**
     * A server of its own inside a network namespace ({@code prefix}, e.g. {@code ip netns exec NS}), listening on
     * {@code address} there, for gateways that run in that namespace; {@link #close()} stops it.
     */
    public static PostgresServer startIn(List<String> prefix, String address) throws IOException, InterruptedException {
        return start(prefix, address);
    }

    private static PostgresServer start(List<String> prefix, String address) throws IOException, InterruptedException {
        Path bin;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql: apt install postgresql"));
        }
        Path dir = Files.createTempDirectory("natterjack-pg");
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        run(dir, List.of("chmod", "755", dir.toString()));
        if (isRoot()) {
            run(dir, List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, bin, port, prefix, address);
        server.asPostgres(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + dir.resolve("password"), "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"));
        // initdb lets in loopback only; a server in a namespace takes its peers on the same network.
        Files.writeString(dir.resolve("data/pg_hba.conf"), "host all all samenet scram-sha-256\n",
                java.nio.file.StandardOpenOption.APPEND);
        server.startServer();
        return server;
    }

    /** Starts the server (again, after {@link #stop()}), waiting until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "30", "-o",
                // fsync off: tests need no durability against a power cut, and a stopped server's writes are in the
                // page cache. Commits stay synchronous: an outage test stops it as a crash would.
                "-p " + port + " -k " + dir + " -c listen_addresses=" + address + " -c fsync=off -c max_connections=200",
                "start"));
    }

    /** Stops the server at once (as a crash would, no checkpoint), for outage tests. */
    public void stop() throws IOException, InterruptedException {
        asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                "immediate", "-w", "stop"));
    }

    /** A new, empty database; its JDBC URL. */
    public String freshDatabase() throws SQLException {
        String name = "natterjack_" + databases.incrementAndGet();
        if (prefix.isEmpty()) {
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
        } else {
            // Not reachable from this JVM's namespace: through its Unix socket, inside the namespace.
            try {
                asPostgres(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
                        "-U", USER, "-d", "postgres", "-c", "CREATE DATABASE " + name));
            } catch (IOException | InterruptedException e) {
                throw new SQLException("cannot create database " + name + ": " + e.getMessage(), e);
            }
        }
        return url(name);
    }

    /** Store settings for a new, empty database. */
    public StoreSettings freshStore() throws SQLException {
        return StoreSettings.postgresql(freshDatabase(), USER, PASSWORD);
    }

    /** Runs {@code sql} in {@code database} with psql inside the server's namespace; its rows, unaligned. */
    public String query(String database, String sql) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pg-query", ".txt");
        try {
            List<String> command = new ArrayList<>(prefix);
            if (isRoot()) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p",
                    Integer.toString(port), "-U", USER, "-d", database, "-At", "-c", sql, "-o", out.toString()));
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
            run(dir, command);
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://" + address + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("server.log"));
    }

    @Override
    public void close() {
        destroy();
    }

    private void destroy() {
        try {
            stop();
            run(dir, List.of("rm", "-rf", dir.toString()));
        } catch (IOException | InterruptedException e) {
            // The JVM is exiting; a left temporary directory is all that can remain.
        }
    }

    private void asPostgres(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix);
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(dir, full);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pg-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().put("PGPASSWORD", PASSWORD);
            Process p = builder.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
