package org.natterjack.pstn.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes generated files atomically (a temporary file in the same directory, then a rename), so that
 * Asterisk never reads half a file, and only files whose content changed, so that unchanged modules need
 * no reload.
 */
public final class ConfigWriter {

    private final Path asteriskDir;
    private final Path dahdiDir;

    public ConfigWriter(Path asteriskDir, Path dahdiDir) {
        this.asteriskDir = asteriskDir;
        this.dahdiDir = dahdiDir;
    }

    /**
     * Writes {@code config}; returns the names of the files that changed ({@link GeneratedConfig#SYSTEM} for
     * DAHDI's).
     *
     * @throws UncheckedIOException naming the file that could not be written
     */
    public Set<String> write(GeneratedConfig config) {
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : config.asteriskFiles().entrySet()) {
            if (write(asteriskDir.resolve(file.getKey()), file.getValue())) {
                changed.add(file.getKey());
            }
        }
        if (write(dahdiDir.resolve(GeneratedConfig.SYSTEM), config.dahdiSystemConf())) {
            changed.add(GeneratedConfig.SYSTEM);
        }
        return changed;
    }

    private static boolean write(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                // Asterisk runs as its own user: the files must stay readable to it after the rename.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
