package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code natterjack agent} process, as a user starts it; its console goes to a log file. */
final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentProcess start(Path dir, List<String> prefix, String... args) throws IOException {
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "agent-", ".log");
        List<String> all = new ArrayList<>(List.of("agent"));
        all.addAll(List.of(args));
        List<String> command = new ArrayList<>(GatewayProcess.cli(prefix, List.of("-Xmx64m"),
                all.toArray(String[]::new)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AgentProcess(process, log);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits (bounded) until the log holds {@code text}, failing with the log otherwise. */
    void awaitLog(String text, int seconds) throws IOException, InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (log().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the agent did not log '" + text + "' within " + seconds + " s:\n" + log());
    }

    /** SIGSTOP or SIGCONT: a process that stops answering without closing anything, and its return. */
    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGKILL: nothing closes the tunnel politely. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
