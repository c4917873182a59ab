package org.natterjack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors must fail (exit 2, message on stderr): scripts and systemd units rely on the exit code. */
class NatterjackTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Natterjack.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void anUnknownCommandExitsWithTheUsageErrorCodeAndSaysSoOnStderr() {
        assertEquals(2, run("agent"));

        assertTrue(err.toString().contains("Unmatched argument at index 0: 'agent'"), err.toString());
        assertTrue(err.toString().contains("Usage: natterjack"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownSubcommandOfAKnownCommandToo() {
        assertEquals(2, run("user", "agent"));

        assertTrue(err.toString().contains("'agent'"), err.toString());
    }

    @Test
    void noCommandAtAllIsAUsageError() {
        assertEquals(2, run());

        assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
    }

    @Test
    void helpIsNoError() {
        assertEquals(0, run("--help"));

        assertTrue(out.toString().startsWith("Usage: natterjack"), out.toString());
    }
}
