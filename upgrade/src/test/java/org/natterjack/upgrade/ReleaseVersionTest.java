package org.natterjack.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.Version;

class ReleaseVersionTest {

    @TempDir
    Path dir;

    @Test
    void theImagesVersionFileWins() throws Exception {
        Path file = Files.writeString(dir.resolve("VERSION"), "0.1.0~SNAPSHOT+upgrade1\n");
        assertEquals("0.1.0~SNAPSHOT+upgrade1", ReleaseVersion.read(file));
    }

    @Test
    void withoutOneTheBuildsVersion() {
        assertEquals(Version.current(), ReleaseVersion.read(dir.resolve("VERSION")));
    }
}
