package org.natterjack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    /** The shape of the web admin's settings, as far as this test needs it. */
    record AdminListen(String listen, boolean enabled) {
        @JsonCreator
        static AdminListen of(@JsonProperty("listen") String listen, @JsonProperty("enabled") Boolean enabled) {
            return new AdminListen(listen, enabled == null || enabled);
        }
    }

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void adminListenSetsTheWebAdminsListenSetting() {
        var config = parse("--admin-listen", "127.0.0.1:9443").effectiveConfig();

        assertEquals(new AdminListen("127.0.0.1:9443", true), config.plugins().bind("web-admin", AdminListen.class));
    }

    @Test
    void withoutItThePluginKeepsItsDefault() {
        assertTrue(parse().effectiveConfig().plugins().names().isEmpty());
    }

    @Test
    void aWrongAddressIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--admin-listen", "nowhere").effectiveConfig());
        assertTrue(e.getMessage().startsWith("--admin-listen"), e.getMessage());
    }
}
