package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One Asterisk in the sid chroot, with directories of its own under /srv/natterjack-it/NAME there (so test
 * runs share the cached chroot without sharing state), running as user asterisk. The static files come from
 * src/main/asterisk (the modules and RTP ports the adapter's configuration needs, which the appliance ships too)
 * and src/test/asterisk (this instance's directories and logging); the pstn plug-in generates the rest into
 * {@link #etc()}.
 */
final class Asterisk implements AutoCloseable {

    /** The pstn module's test files (other modules link src/test/asterisk to it). */
    private static final Path TEST_FILES = Path.of("src/test/asterisk");

    private final Path root;
    private final String dir;
    private final Path console;
    private final List<String> prefix;
    private Process process;

    private Asterisk(Path root, String dir, Path console, List<String> prefix) {
        this.root = root;
        this.dir = dir;
        this.console = console;
        this.prefix = prefix;
    }

    /**
     * Prepares an instance (not started); it will run after {@code prefix} (e.g. {@code ip netns exec NS}),
     * and its console output goes to {@code console}.
     */
    static Asterisk prepare(String name, Path console, List<String> prefix) throws IOException, InterruptedException {
        Path root = AsteriskChroot.get();
        String dir = "/srv/natterjack-it/" + name + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Asterisk asterisk = new Asterisk(root, dir, console, prefix);
        Path host = asterisk.hostPath(dir);
        for (String sub : List.of("etc", "dahdi", "lib", "spool", "run", "log")) {
            Files.createDirectories(host.resolve(sub));
        }
        Path mainFiles = TEST_FILES.toRealPath().getParent().getParent().resolve("main/asterisk");
        Map<String, Path> files = Map.of("asterisk.conf", TEST_FILES.resolve("asterisk.conf"),
                "logger.conf", TEST_FILES.resolve("logger.conf"), "modules.conf", mainFiles.resolve("modules.conf"),
                "rtp.conf", mainFiles.resolve("rtp.conf"));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Files.writeString(host.resolve("etc").resolve(file.getKey()),
                    Files.readString(file.getValue()).replace("@DIR@", dir));
        }
        AsteriskChroot.Result chown = AsteriskChroot.inside(30, "chown", "-R", "asterisk:asterisk", dir + "/lib",
                dir + "/spool", dir + "/run", dir + "/log");
        if (chown.exitCode() != 0) {
            fail("cannot prepare " + dir + ": " + chown.output());
        }
        return asterisk;
    }

    private Path hostPath(String inside) {
        return root.resolve(inside.substring(1));
    }

    /** Where the plug-in writes Asterisk's generated files (host path). */
    Path etc() {
        return hostPath(dir + "/etc");
    }

    /**
     * The chroot's group asterisk by number (the host has no such group), so that the plug-in gives Asterisk's
     * files to the group Asterisk runs as in the chroot.
     */
    String group() throws IOException {
        return Files.readAllLines(root.resolve("etc/group")).stream().filter(l -> l.startsWith("asterisk:"))
                .map(l -> l.split(":")[2]).findFirst()
                .orElseThrow(() -> new IllegalStateException("the chroot has no group asterisk"));
    }

    /** Where the plug-in writes DAHDI's system.conf (host path). */
    Path dahdi() {
        return hostPath(dir + "/dahdi");
    }

    /** Starts Asterisk in the foreground as user asterisk and waits (bounded) until it is fully booted. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("chroot", root.toString(), "/usr/sbin/asterisk", "-f", "-U", "asterisk", "-C",
                dir + "/etc/asterisk.conf"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                fail("Asterisk exited with " + process.exitValue() + ":\n" + Files.readString(console));
            }
            if (cli("core waitfullybooted").contains("fully booted")) {
                return;
            }
            Thread.sleep(100);
        }
        fail("Asterisk did not boot within 15 s:\n" + Files.readString(console));
    }

    /** Runs a CLI command on the running Asterisk (bounded) and returns its output. */
    String cli(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), "/usr/sbin/asterisk", "-C",
                dir + "/etc/asterisk.conf", "-rx", command));
        return AsteriskChroot.run(cmd, 20).output();
    }

    /** Kills Asterisk as a crash would (SIGKILL), without any goodbye on the AMI link. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Asterisk's own log (messages.log), for failure messages. */
    String log() throws IOException {
        Path log = hostPath(dir + "/log/messages.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops Asterisk, keeps its log next to the console output, and removes its directories. */
    @Override
    public void close() throws IOException {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Files.writeString(console.resolveSibling("asterisk-messages.log"), log());
            AsteriskChroot.run(List.of("rm", "-rf", hostPath(dir).toString()), 60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
