package org.natterjack.pstn.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read the generated files: manager.conf holds the AMI secret. */
class ConfigWriterTest {

    private static final String NO_SUCH_GROUP = "nj-no-such-group";

    @TempDir
    Path dir;

    private static PosixFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, PosixFileAttributes.class);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(attributes(file).permissions());
    }

    private GroupPrincipal ownersGroup() throws IOException {
        return attributes(Files.createFile(dir.resolve("probe"))).group();
    }

    @Test
    void asteriskFilesAreReadableByTheOwnersGroupOnlyWhileAsterisksGroupDoesNotExist() throws IOException {
        new ConfigWriter(dir.resolve("asterisk"), dir.resolve("dahdi"), NO_SUCH_GROUP)
                .write(GeneratedConfigTest.appliance());
        GroupPrincipal ownersGroup = ownersGroup();
        for (String file : Set.of(GeneratedConfig.MANAGER, GeneratedConfig.PJSIP, GeneratedConfig.EXTENSIONS,
                GeneratedConfig.CHAN_DAHDI)) {
            Path written = dir.resolve("asterisk").resolve(file);
            assertEquals("rw-r-----", mode(written), file);
            assertEquals(ownersGroup, attributes(written).group(), file);
        }
        assertEquals("rw-r--r--", mode(dir.resolve("dahdi").resolve(GeneratedConfig.SYSTEM)),
                "system.conf holds no secret");
    }

    @Test
    void asteriskFilesGoToAsterisksGroup() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file to another group");
        new ConfigWriter(dir, dir, "daemon").write(GeneratedConfigTest.appliance());
        PosixFileAttributes manager = attributes(dir.resolve(GeneratedConfig.MANAGER));
        assertEquals("daemon", manager.group().getName());
        assertEquals("rw-r-----", PosixFilePermissions.toString(manager.permissions()));
    }

    @Test
    void anUpToDateFileThatEveryoneCouldReadIsRestrictedWithoutCountingAsChanged() throws IOException {
        ConfigWriter writer = new ConfigWriter(dir, dir, NO_SUCH_GROUP);
        writer.write(GeneratedConfigTest.appliance());
        Path manager = dir.resolve(GeneratedConfig.MANAGER);
        Files.setPosixFilePermissions(manager, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Set.of(), writer.write(GeneratedConfigTest.appliance()));
        assertEquals("rw-r-----", mode(manager));
    }
}
