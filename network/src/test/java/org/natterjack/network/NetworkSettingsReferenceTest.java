package org.natterjack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.ConfigurationReference;

/** docs/configuration.md documents every key of {@code plugins.network}, and no other, with its default. */
class NetworkSettingsReferenceTest {

    @TempDir
    Path dir;

    @Test
    void theReferenceDocumentsEveryKeyWithItsDefault() {
        assertEquals(List.of(), ConfigurationReference.pluginProblems("network", NetworkSettings.class, dir));
    }
}
