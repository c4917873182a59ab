package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real sipp user agent (Debian sip-tester) with a scenario from src/test/sipp and reads its trace. */
final class Sipp {

    static final Path SCENARIOS = Path.of("src/test/sipp");
    /** Other modules' tests use the gateway's scenarios when they have no copy of their own. */
    private static final Path GATEWAY_SCENARIOS = Path.of("../gateway/src/test/sipp");

    private Sipp() {
    }

    /** The scenario file {@code name}: this module's, else the gateway module's. */
    static Path scenario(String name) {
        Path own = SCENARIOS.resolve(name);
        return Files.exists(own) ? own : GATEWAY_SCENARIOS.resolve(name);
    }

    /**
     * Runs sipp once against {@code target} and waits (bounded) for it to end.
     *
     * @param prefix e.g. {@code ip netns exec NS}, or empty
     * @param args further sipp arguments (-i, -p, -key ..., -au/-ap)
     */
    static Result run(Path workDir, List<String> prefix, String scenario, String target, List<String> args)
            throws IOException, InterruptedException {
        return start(workDir, prefix, scenario, target, args).await();
    }

    /** Starts sipp in the background (for a user agent that must stay up while the test acts). */
    static Running start(Path workDir, List<String> prefix, String scenario, String target, List<String> args)
            throws IOException {
        Files.createDirectories(workDir);
        Path messages = Files.createTempFile(workDir, scenario.replace(".xml", "-"), ".msg");
        Path screen = Files.createTempFile(workDir, scenario.replace(".xml", "-"), ".out");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("sipp", target, "-sf", scenario(scenario).toString(), "-m", "1",
                "-trace_msg", "-message_file", messages.toString(), "-timeout", "40s", "-timeout_error",
                "-nostdin", "-nr"));
        // -nr: no retransmissions. Loopback and veth links do not lose packets, and sipp aborts a call on the
        // second answer that a stateless registrar rightly gives to a retransmitted REGISTER.
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(screen.toFile()).start();
        return new Running(p, messages, screen, cmd);
    }

    record Running(Process process, Path messages, Path screen, List<String> command) {
        /** What sipp has traced so far, while it runs. */
        SipTrace traceSoFar() throws IOException {
            return SipTrace.parse(Files.readString(messages));
        }

        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("sipp did not finish: " + command);
            }
            return new Result(process.exitValue(), SipTrace.parse(Files.readString(messages)), command,
                    Files.readString(screen));
        }
    }

    /** @param screen what sipp printed (its errors, when it fails) */
    record Result(int exitCode, SipTrace trace, List<String> command, String screen) {
        /** The last message sipp received, which the scenarios use as the final answer to check. */
        SipTrace.Message lastReceived() {
            List<SipTrace.Message> received = trace.received();
            if (received.isEmpty()) {
                fail("sipp received nothing (exit " + exitCode + "): " + command);
            }
            return received.get(received.size() - 1);
        }
    }
}
