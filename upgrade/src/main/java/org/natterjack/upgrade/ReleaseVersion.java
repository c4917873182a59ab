package org.natterjack.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.natterjack.Version;

/**
 * The release this system runs, as bundles name theirs: on the appliance the image's version, which build.sh
 * writes to {@code /usr/share/natterjack/VERSION} (the Debian package's version, e.g. {@code 0.1.0~SNAPSHOT},
 * or the one the release build chose); elsewhere the build's own.
 */
public final class ReleaseVersion {

    static final Path FILE = Path.of("/usr/share/natterjack/VERSION");

    private ReleaseVersion() {
    }

    public static String current() {
        return read(FILE);
    }

    static String read(Path file) {
        try {
            String version = Files.readString(file).strip();
            return version.isEmpty() ? Version.current() : version;
        } catch (IOException absent) {
            return Version.current();
        }
    }
}
