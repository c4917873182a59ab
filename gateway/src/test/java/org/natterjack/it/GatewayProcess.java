package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway process started through the command line ({@code natterjack run}), as an operator starts
 * it, optionally inside a network namespace. Output goes to a log file in the test's directory.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path log;

    private GatewayProcess(Process process, Path dir, Path log) {
        this.process = process;
        this.dir = dir;
        this.log = log;
    }

    /** The command that runs the natterjack CLI with the test classpath, after {@code prefix}. */
    public static List<String> cli(List<String> prefix, String... args) {
        return cli(prefix, List.of(), args);
    }

    /** The same, with {@code jvmOptions} for the Java VM. */
    public static List<String> cli(List<String> prefix, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.natterjack.cli.Natterjack");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code natterjack run --config dir/natterjack.yaml --data-dir dir/data} and waits until it serves. */
    public static GatewayProcess start(Path dir, String configYaml, List<String> prefix, String... extraArgs)
            throws IOException, InterruptedException {
        return start(dir, configYaml, prefix, List.of(), extraArgs);
    }

    /** The same, with {@code jvmOptions} for the gateway's Java VM. */
    public static GatewayProcess start(Path dir, String configYaml, List<String> prefix, List<String> jvmOptions,
                                String... extraArgs) throws IOException, InterruptedException {
        GatewayProcess gateway = launch(dir, configYaml, prefix, jvmOptions, extraArgs);
        gateway.awaitStarted();
        return gateway;
    }

    /** Starts the gateway like {@link #start} but returns at once, while it is still starting. */
    public static GatewayProcess launch(Path dir, String configYaml, List<String> prefix, List<String> jvmOptions,
                                        String... extraArgs) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("natterjack.yaml");
        Files.writeString(config, configYaml);
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(),
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extraArgs));
        Path log = dir.resolve("gateway.log");
        Process p = new ProcessBuilder(cli(prefix, jvmOptions, args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GatewayProcess(p, dir, log);
    }

    /** Waits (30 s at most) until the gateway logged that it started. */
    public void awaitStarted() throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (log().contains(" started: ")) {
                return;
            }
            if (!process.isAlive()) {
                fail("gateway exited with " + process.exitValue() + " before starting:\n" + log());
            }
            Thread.sleep(100);
        }
        close();
        fail("gateway did not start within 30 s:\n" + log());
    }

    /** Runs the CLI to completion (bounded) and returns its exit code and combined output. */
    public static CliResult run(List<String> prefix, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cli(prefix, args)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("natterjack " + String.join(" ", args) + " did not finish");
        }
        return new CliResult(p.exitValue(), new String(out));
    }

    public record CliResult(int exitCode, String output) {
    }

    /** Runs the CLI on the store in {@code dataDir}, failing the test with its output unless it exits 0. */
    public static void runOk(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        CliResult result = run(List.of(), all.toArray(String[]::new));
        if (result.exitCode() != 0) {
            fail("natterjack " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Rows of the binding table for {@code aor} (written behind, so poll with {@link #awaitBindings}). */
    public List<Map<String, Object>> bindings(String aor) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("natterjack.db"));
             PreparedStatement ps = c.prepareStatement("SELECT * FROM binding WHERE aor = ? ORDER BY contact")) {
            ps.setString(1, aor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Polls the store (bounded, 10 s) until {@code aor} has {@code count} persisted bindings. */
    public List<Map<String, Object>> awaitBindings(String aor, int count) throws SQLException, InterruptedException {
        List<Map<String, Object>> rows = List.of();
        for (int i = 0; i < 100; i++) {
            rows = bindings(aor);
            if (rows.size() == count) {
                return rows;
            }
            Thread.sleep(100);
        }
        fail("expected " + count + " bindings of " + aor + " in the store, found " + rows);
        return rows;
    }

    /** Kills the gateway as a crash or power cut would (SIGKILL): no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the gateway as an operator would (SIGTERM) and returns its exit code. */
    public int stop() throws InterruptedException {
        close();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
