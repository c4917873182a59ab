package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A network built by src/test/nat/topology.sh: its namespaces, its nftables counters, and its teardown. */
public record Topology(String name) {

    /** The script, from the gateway module's directory unless another module's tests name it. */
    private static final Path SCRIPT = Path.of(System.getProperty("natterjack.topology.script",
            "src/test/nat/topology.sh")).toAbsolutePath();

    /** Builds the network; {@code nats} client networks whose UDP bindings live {@code udpTimeout} seconds. */
    public static Topology up(String name, int udpTimeout, int nats) throws Exception {
        sh(SCRIPT.toString(), "up", name, Integer.toString(udpTimeout), Integer.toString(nats));
        return new Topology(name);
    }

    public void down() throws Exception {
        sh(SCRIPT.toString(), "down", name);
    }

    /** The command prefix that runs a process in the namespace of {@code role} (pub, rtr, cli, rtr2, cli2). */
    public List<String> netns(String role) {
        return List.of("ip", "netns", "exec", name + "-" + role);
    }

    /** Gives the namespace of {@code role} one more address (a third party on the public network, say). */
    public void addAddress(String role, String cidr, String device) throws Exception {
        sh("ip", "-n", name + "-" + role, "addr", "add", cidr, "dev", device);
    }

    /** Packets counted by the nftables rule with this comment in the namespace of {@code role}. */
    public long counter(String role, String comment) throws Exception {
        String ruleset = sh("ip", "netns", "exec", name + "-" + role, "nft", "list", "ruleset");
        Matcher m = Pattern.compile("packets (\\d+) bytes \\d+ .*comment \"" + Pattern.quote(comment) + "\"")
                .matcher(ruleset);
        assertTrue(m.find(), "no counter '" + comment + "' in\n" + ruleset);
        return Long.parseLong(m.group(1));
    }

    private static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
