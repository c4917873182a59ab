package org.natterjack.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twinkle's command line interface ({@code twinkle -c}) as a process: commands go to its standard input,
 * and every line it prints (it reports each registration and call state change on standard output) is kept,
 * copied to a log file, and searched by {@link #await}. A cursor marks the output already consumed, so an
 * event printed before anyone waits for it (an incoming call, the far end's BYE) is not missed.
 */
final class TwinkleConsole implements AutoCloseable {

    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private int cursor;

    private TwinkleConsole(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static TwinkleConsole start(ProcessBuilder builder, Path log) throws IOException {
        TwinkleConsole console = new TwinkleConsole(builder.redirectErrorStream(true).start());
        Thread reader = new Thread(() -> console.read(log), "twinkle-out-" + log.getParent().getFileName());
        reader.setDaemon(true);
        reader.start();
        return console;
    }

    private void read(Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer copy = Files.newBufferedWriter(log)) {
            for (String line; (line = out.readLine()) != null; ) {
                copy.write(line + "\n");
                copy.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** Sends one command line. */
    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /**
     * Waits, after the cursor, for a line in which {@code success} or {@code failure} occurs; moves the cursor
     * past it and returns the match of {@code success}, or fails (failure line, exit, or timeout) with the
     * output since the cursor.
     */
    synchronized Matcher await(String what, Pattern success, Pattern failure, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = cursor;
        for (int i = cursor; ; ) {
            for (; i < lines.size(); i++) {
                Matcher ok = success.matcher(lines.get(i));
                if (ok.find()) {
                    cursor = i + 1;
                    return ok;
                }
                if (failure.matcher(lines.get(i)).find()) {
                    cursor = i + 1;
                    throw new AssertionError(what + " failed:\n" + since(from));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive()) {
                throw new AssertionError(what + ": no '" + success + "' within " + timeout.toSeconds() + " s"
                        + (process.isAlive() ? "" : " (Twinkle exited)") + "; output since:\n" + since(from));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private String since(int from) {
        return String.join("\n", lines.subList(from, lines.size()));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks Twinkle to quit (it unregisters first), then stops it by force if it did not within the bound. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                send("quit");
                stdin.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
