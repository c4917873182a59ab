package org.natterjack.pstn.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.PstnSettings;
import org.natterjack.pstn.trunk.Plans;

/**
 * The generated files against golden copies in src/test/resources/golden. After a deliberate change, rewrite
 * them with {@code -Dnatterjack.golden.update=true} and review the diff.
 */
class GeneratedConfigTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static GeneratedConfig appliance() {
        return GeneratedConfig.of(new ConfigInputs(PstnSettings.defaults(), Plans.appliance(),
                new InetSocketAddress("127.0.0.1", 5060), "pbx.example.com", "0123456789abcdef0123456789abcdef"));
    }

    @Test
    void filesMatchTheGoldenCopies() throws IOException {
        GeneratedConfig config = appliance();
        for (Map.Entry<String, String> file : config.asteriskFiles().entrySet()) {
            check(file.getKey(), file.getValue());
        }
        check(GeneratedConfig.SYSTEM, config.dahdiSystemConf());
    }

    private static void check(String name, String generated) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("natterjack.golden.update")) {
            Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated, name + " differs from " + golden);
    }
}
