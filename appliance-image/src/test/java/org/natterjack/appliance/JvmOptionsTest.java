package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options both launchers start the gateway with ({@code /usr/lib/natterjack/jvm-options}): a young
 * generation sized from this machine's memory, which a JVM accepts, and none when the operator sizes the heap.
 */
class JvmOptionsTest {

    private static final Path SCRIPT = Path.of("src/deb/root/usr/lib/natterjack/jvm-options");
    private static final Pattern SIZE = Pattern.compile("-Xm([sn])(\\d+)m");

    @Test
    void sizesTheYoungGenerationAndTheJvmStartsWithIt() throws Exception {
        List<String> options = options("");

        long young = size(options, "n");
        long initial = size(options, "s");
        assertTrue(young >= 64 && young <= 1024, "young generation of 64 MiB to 1 GiB: " + options);
        assertEquals(2 * young, initial, "the heap starts at twice the young generation: " + options);
        assertTrue(options.contains("-XX:MaxTenuringThreshold=15"), options.toString());

        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(options);
        java.add("-version");
        assertEquals(0, run(java).exitCode(), "java " + options + " -version");
    }

    @Test
    void leavesTheHeapAloneWhenTheOperatorSizesIt() throws Exception {
        for (String operator : List.of("-Xmx1g", "-Dx=1 -Xms512m", "-Xmn300m", "-XX:MaxRAMPercentage=50")) {
            List<String> options = options(operator);
            assertFalse(options.stream().anyMatch(o -> o.startsWith("-Xm")), operator + " -> " + options);
            assertTrue(options.contains("-XX:AutoBoxCacheMax=65536"), options.toString());
        }
    }

    private static long size(List<String> options, String which) {
        return options.stream().map(SIZE::matcher).filter(Matcher::matches).filter(m -> m.group(1).equals(which))
                .mapToLong(m -> Long.parseLong(m.group(2))).findFirst()
                .orElseThrow(() -> new AssertionError("no -Xm" + which + " in " + options));
    }

    private static List<String> options(String operatorOptions) throws Exception {
        Result result = run(List.of("sh", SCRIPT.toString(), operatorOptions));
        assertEquals(0, result.exitCode(), result.output());
        return Arrays.asList(result.output().trim().split("\\s+"));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "finished: " + command);
        return new Result(process.exitValue(), output);
    }
}
