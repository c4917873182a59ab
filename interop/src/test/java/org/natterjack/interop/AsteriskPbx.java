package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.natterjack.it.AsteriskChroot;

/**
 * One Asterisk of the Debian sid chroot ({@link AsteriskChroot}) for an {@link AsteriskPhone}: its own directories
 * under /srv/natterjack-it/ in the chroot, configuration from the templates in resources/asterisk, run as user
 * asterisk in the phone's namespace; the CLI over Asterisk's control socket (a file, so it works from outside the
 * namespace); and messages.log read as a list of entries (a line with its continuation lines, e.g. a whole SIP
 * message), which is how the phone learns what happened.
 */
final class AsteriskPbx implements AutoCloseable {

    private static final List<String> TEMPLATES = List.of("asterisk.conf", "logger.conf", "rtp.conf",
            "modules.conf", "pjsip.conf", "extensions.conf");

    private final Path root;
    private final String dir;
    private final Path workDir;
    private final List<String> entries = new ArrayList<>();
    private final StringBuilder partialLine = new StringBuilder();
    private long logOffset;
    private Process process;

    private AsteriskPbx(Path root, String dir, Path workDir) {
        this.root = root;
        this.dir = dir;
        this.workDir = workDir;
    }

    /** Writes the configuration for {@code spec} into a fresh directory in the chroot (not started). */
    static AsteriskPbx prepare(PhoneSpec spec) throws IOException, InterruptedException {
        Path root = AsteriskChroot.get();
        String dir = "/srv/natterjack-it/interop-" + spec.user() + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24), 36);
        AsteriskPbx pbx = new AsteriskPbx(root, dir, spec.workDir());
        Map<String, String> values = Map.of("DIR", dir, "USER", spec.user(), "PASSWORD", spec.password(),
                "DOMAIN", spec.domain(), "GATEWAY", spec.gateway(), "GATEWAY_HOST", spec.gateway().replaceFirst(":\\d+$", ""),
                "LOCAL", spec.localAddress(), "TONE", Integer.toString(spec.toneHz()));
        for (String sub : List.of("etc", "lib", "spool", "run", "log", "rec")) {
            Files.createDirectories(pbx.host(sub));
        }
        for (String name : TEMPLATES) {
            String text;
            try (InputStream in = AsteriskPbx.class.getResourceAsStream("/asterisk/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace("{{" + v.getKey() + "}}", v.getValue());
            }
            Files.writeString(pbx.host("etc/" + name), text);
        }
        AsteriskChroot.Result chown = AsteriskChroot.inside(30, "chown", "-R", "asterisk:asterisk",
                dir + "/lib", dir + "/spool", dir + "/run", dir + "/log", dir + "/rec");
        if (chown.exitCode() != 0) {
            fail("cannot prepare " + dir + ": " + chown.output());
        }
        Files.createDirectories(spec.workDir());
        return pbx;
    }

    /** A path of this instance's directory, as the host sees it. */
    Path host(String relative) {
        return root.resolve(dir.substring(1)).resolve(relative);
    }

    /**
     * Starts Asterisk in the foreground after {@code netns} and waits (bounded) until it is fully booted. It runs
     * in a UTS namespace of its own whose host name is its own address: the chroot has no /etc/hosts, and PJSIP's
     * start looks the host name up for IPv6, which otherwise waits 5 s for a DNS server the namespace cannot reach.
     */
    void start(List<String> netns, String localAddress) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(netns);
        command.addAll(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", localAddress,
                "chroot", root.toString(), "/usr/sbin/asterisk", "-f", "-U", "asterisk", "-C",
                dir + "/etc/asterisk.conf"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("asterisk-console.log").toFile()).start();
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                fail("Asterisk exited with " + process.exitValue() + ":\n" + tail(40));
            }
            if (cli("core waitfullybooted").contains("fully booted")) {
                return;
            }
            Thread.sleep(100);
        }
        fail("Asterisk did not boot within 15 s:\n" + tail(40));
    }

    /** Runs a CLI command on the running Asterisk (bounded) and returns its output. */
    String cli(String command) throws IOException, InterruptedException {
        return AsteriskChroot.run(List.of("chroot", root.toString(), "/usr/sbin/asterisk", "-C",
                dir + "/etc/asterisk.conf", "-rx", command), 20).output();
    }

    /** How many log entries were read so far: a mark for {@link #await} to search after. */
    synchronized int mark() throws IOException {
        read();
        return entries.size();
    }

    /** A log entry and its position. */
    record Entry(int index, String text) {
    }

    /**
     * Waits (bounded) for the first log entry at or after {@code from} that satisfies {@code match}; fails the
     * test with the log's tail, naming {@code what}, when none comes within {@code seconds}.
     */
    Entry await(int from, Predicate<String> match, int seconds, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        do {
            synchronized (this) {
                read();
                for (int i = from; i < entries.size(); i++) {
                    if (match.test(entries.get(i))) {
                        return new Entry(i, entries.get(i));
                    }
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("Asterisk (" + dir + ") did not log " + what + " within " + seconds + " s; log tail:\n" + tail(60));
        return null;
    }

    /** Reads what Asterisk appended to messages.log since the last call. */
    private void read() throws IOException {
        Path log = host("log/messages.log");
        if (!Files.exists(log)) {
            return;
        }
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= logOffset) {
                return;
            }
            bytes = new byte[(int) (file.length() - logOffset)];
            file.seek(logOffset);
            file.readFully(bytes);
        }
        logOffset += bytes.length;
        partialLine.append(new String(bytes, StandardCharsets.UTF_8));
        int newline;
        while ((newline = partialLine.indexOf("\n")) >= 0) {
            String line = partialLine.substring(0, newline);
            partialLine.delete(0, newline + 1);
            if (line.startsWith("[") || entries.isEmpty()) {
                entries.add(line);
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
            }
        }
    }

    /** The last {@code n} log entries, for failure messages. */
    synchronized String tail(int n) throws IOException {
        read();
        return String.join("\n", entries.subList(Math.max(0, entries.size() - n), entries.size()));
    }

    /** Stops Asterisk, keeps its log in the work directory, and removes its directory from the chroot. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Path log = host("log/messages.log");
            if (Files.exists(log)) {
                Files.copy(log, workDir.resolve("asterisk-messages.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            AsteriskChroot.run(List.of("rm", "-rf", root.resolve(dir.substring(1)).toString()), 60);
        } catch (IOException | RuntimeException | AssertionError e) {
            System.err.println("cleaning up " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
