package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh Debian 12 root with a Java runtime, made by mmdebstrap for one test, as a clean machine the package
 * is installed on. The downloaded packages are kept in a cache outside the clone (CI starts from a fresh
 * clone each time), so later runs build it from there in about 25 s; an empty cache is simply filled again.
 */
record DebianRoot(Path dir) {

    private static final String MIRROR = "http://deb.debian.org/debian";
    private static final Path CACHE = Path.of(System.getProperty("natterjack.apt.cache",
            System.getProperty("user.home") + "/.cache/natterjack/apt-bookworm"));

    static DebianRoot build(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(CACHE);
        run(600, "mmdebstrap", "--variant=apt", "--include=openjdk-17-jre-headless,adduser,util-linux,systemd",
                "--aptopt=Acquire::Check-Valid-Until \"false\"", "--skip=essential/unlink",
                "--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/",
                "--setup-hook=sync-in " + CACHE + " /var/cache/apt/archives/",
                "--customize-hook=sync-out /var/cache/apt/archives " + CACHE,
                "bookworm", dir.toString(), MIRROR);
        return new DebianRoot(dir);
    }

    /** Runs {@code command} inside the root as root (bounded) and returns its output; fails unless it exits 0. */
    String inside(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chroot", dir.toString()));
        cmd.addAll(List.of(command));
        return run(120, cmd.toArray(String[]::new));
    }

    /** Starts {@code command} inside the root without waiting; its output goes to {@code log}. */
    Process start(Path log, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("chroot", dir.toString()));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The host path of {@code path} inside the root. */
    Path resolve(String path) {
        return dir.resolve(path.substring(1));
    }

    static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("natterjack-cmd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
