package org.natterjack.interop;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code linphonec --pipe} process (Debian's linphone-cli 5.1) in a network namespace, driven through its
 * control socket: each command is one connection, answered with the command's output, and closed by
 * linphonec once the command is done. Call events are read from its standard output, where it prints them
 * asynchronously ("Call 1 with sip:... connected.").
 *
 * <p>Why the socket and not standard input: without a terminal, linphonec's readline loop never iterates
 * the core; {@code --pipe} iterates it, but its stdin reader keeps only the last line it read. Its "quit"
 * (and SIGTERM) mostly hangs forever joining the socket thread, left blocked in accept(), so closing kills
 * it (the phone unregisters first). The socket is {@code /tmp/linphonec-UID}, the same for every instance,
 * so each instance gets its own /tmp: the workdir's {@code tmp}, bind-mounted over /tmp in the private mount
 * namespace {@code ip netns exec} makes (a workdir under /tmp is then bound back to its own path inside that
 * /tmp, from the working directory the shell still holds, as liblinphone resolves the configuration's real
 * path).
 */
final class LinphoneConsole implements AutoCloseable {

    private static final String PROMPT = "linphonec> ";
    static final String CONFIG = "linphonerc";
    static final String LOG = "linphonec.log";

    private final Process process;
    private final Path workDir;
    private final List<String> lines = new ArrayList<>();
    private final Writer transcript;
    private boolean ended;

    private LinphoneConsole(Process process, Path workDir) throws IOException {
        this.process = process;
        this.workDir = workDir;
        this.transcript = Files.newBufferedWriter(workDir.resolve("console.txt"), UTF_8);
        Thread reader = new Thread(this::readOutput, "linphonec-" + workDir.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts linphonec with {@code workDir/linphonerc}, logging everything (SIP included) to linphonec.log. */
    static LinphoneConsole start(List<String> netns, Path workDir) throws IOException {
        Files.createDirectories(workDir.resolve("tmp"));
        // liblinphone refuses to start its core (no SIP socket, no error on the console) without its database.
        Files.createDirectories(workDir.resolve(".local/share/linphone"));
        List<String> cmd = new ArrayList<>(netns);
        cmd.addAll(List.of("sh", "-c", "W=$(pwd -P) && mount --bind tmp /tmp"
                + " && case $W in /tmp/*) mkdir -p \"$W\" && mount -c --bind /proc/self/cwd \"$W\";; esac"
                + " && exec linphonec --pipe -c " + CONFIG + " -d 6 -l " + LOG));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("HOME", workDir.toAbsolutePath().toString());
        return new LinphoneConsole(builder.start(), workDir);
    }

    private void readOutput() {
        StringBuilder line = new StringBuilder();
        try (Reader in = new InputStreamReader(process.getInputStream(), UTF_8)) {
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    addLine(line.toString().strip());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                    if (line.length() >= PROMPT.length() && line.lastIndexOf(PROMPT) == line.length() - PROMPT.length()) {
                        line.setLength(line.length() - PROMPT.length());
                    }
                }
            }
        } catch (IOException e) {
            addLine("(output lost: " + e + ")");
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    private synchronized void addLine(String line) {
        if (line.isEmpty()) {
            return;
        }
        lines.add(line);
        try {
            transcript.write(line + "\n");
            transcript.flush();
        } catch (IOException ignored) {
            // the transcript is for people reading a failure; the lines in memory are what counts
        }
        notifyAll();
    }

    /** The index the next output line will have. */
    synchronized int mark() {
        return lines.size();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits for the first line from index {@code from} on that matches {@code expected}, and returns its index;
     * fails when a line matching {@code failure} (if any) comes first, when linphonec exits, or on timeout.
     */
    synchronized int await(int from, Pattern expected, Pattern failure, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = from; ; ) {
            for (; i < lines.size(); i++) {
                if (expected.matcher(lines.get(i)).find()) {
                    return i;
                }
                if (failure != null && failure.matcher(lines.get(i)).find()) {
                    throw new AssertionError("linphonec in " + workDir + ": " + lines.get(i) + " instead of " + what
                            + "\n" + tail());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("linphonec in " + workDir + (ended ? " exited," : "")
                        + " no " + what + " within " + timeout + "\n" + tail());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized String tail() {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Runs one console command and returns what it printed; fails unless linphonec finishes it in 10 s. */
    String command(String command) throws IOException, InterruptedException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket()));
            channel.write(ByteBuffer.wrap(command.getBytes(UTF_8))); // read by linphonec in one read() (max 249 bytes)
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("linphonec in " + workDir + " did not finish '" + command + "': " + out);
                }
                selector.select(left);
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    return out.toString(UTF_8);
                }
                out.write(buffer.array(), 0, n);
            }
        }
    }

    /** The control socket, once linphonec created it (after its core started). */
    private Path socket() throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Stream<Path> files = Files.list(workDir.resolve("tmp"))) {
                Optional<Path> socket = files.filter(f -> f.getFileName().toString().startsWith("linphonec-")).findFirst();
                if (socket.isPresent()) {
                    return socket.get();
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("linphonec in " + workDir + " opened no control socket\n" + tail());
    }

    /** Waits (bounded) for {@code text} in linphonec's log, e.g. a registration state change. */
    boolean awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (Files.readString(workDir.resolve(LOG), ISO_8859_1).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline && process.isAlive());
        return false;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills linphonec: neither "quit" nor SIGTERM reliably ends linphonec --pipe (see above). */
    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                try {
                    transcript.close();
                } catch (IOException ignored) {
                    // nothing left to write
                }
            }
        }
    }
}
