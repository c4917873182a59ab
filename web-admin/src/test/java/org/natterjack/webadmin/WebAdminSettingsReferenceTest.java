package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.testing.ConfigurationReference;

/** docs/configuration.md documents every key of {@code plugins.web-admin}, and no other, with its default. */
class WebAdminSettingsReferenceTest {

    @TempDir
    Path dir;

    @Test
    void theReferenceDocumentsEveryKeyWithItsDefault() {
        assertEquals(List.of(), ConfigurationReference.pluginProblems("web-admin", WebAdminSettings.class, dir));
    }
}
