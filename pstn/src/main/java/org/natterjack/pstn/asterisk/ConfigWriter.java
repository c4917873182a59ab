package org.natterjack.pstn.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes generated files atomically (a temporary file in the same directory, then a rename), so that
 * Asterisk never reads half a file, and only files whose content changed, so that unchanged modules need
 * no reload. Asterisk's files are readable by their owner and Asterisk's group only (0640, as Debian installs
 * them: manager.conf holds the AMI secret, pjsip.conf is where SIP credentials go); DAHDI's system.conf, which
 * holds none, by everyone. A file whose mode or group is wrong (written by an older version) is corrected
 * even when its content is up to date.
 */
public final class ConfigWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWriter.class);
    private static final Set<PosixFilePermission> ASTERISK_ONLY = PosixFilePermissions.fromString("rw-r-----");
    private static final Set<PosixFilePermission> EVERYONE = PosixFilePermissions.fromString("rw-r--r--");

    /** Who may read a file besides its owner. */
    private record Access(Set<PosixFilePermission> mode, Optional<GroupPrincipal> group) {
    }

    private final Path asteriskDir;
    private final Path dahdiDir;
    private final String asteriskGroup;
    private boolean groupMissingLogged;

    /**
     * @param asteriskGroup the group Asterisk runs as (a name or number); while it does not exist, Asterisk's
     *     files are left to the owner's group
     */
    public ConfigWriter(Path asteriskDir, Path dahdiDir, String asteriskGroup) {
        this.asteriskDir = asteriskDir;
        this.dahdiDir = dahdiDir;
        this.asteriskGroup = asteriskGroup;
    }

    /**
     * Writes {@code config}; returns the names of the files that changed ({@link GeneratedConfig#SYSTEM} for
     * DAHDI's).
     *
     * @throws UncheckedIOException naming the file that could not be written or given to Asterisk's group
     */
    public Set<String> write(GeneratedConfig config) {
        Access asterisk = new Access(ASTERISK_ONLY, group(asteriskDir));
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : config.asteriskFiles().entrySet()) {
            if (write(asteriskDir.resolve(file.getKey()), file.getValue(), asterisk)) {
                changed.add(file.getKey());
            }
        }
        if (write(dahdiDir.resolve(GeneratedConfig.SYSTEM), config.dahdiSystemConf(),
                new Access(EVERYONE, Optional.empty()))) {
            changed.add(GeneratedConfig.SYSTEM);
        }
        return changed;
    }

    /** Looked up on every write: the group appears when Asterisk is installed after the gateway started. */
    private Optional<GroupPrincipal> group(Path dir) {
        try {
            return Optional.of(dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(asteriskGroup));
        } catch (UserPrincipalNotFoundException e) {
            if (!groupMissingLogged) {
                groupMissingLogged = true;
                LOG.info("Group {} does not exist: the generated Asterisk files in {} are readable by their owner's"
                        + " group only", asteriskGroup, dir);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up group " + asteriskGroup + ": " + e.getMessage(), e);
        }
    }

    private static boolean write(Path file, String text, Access access) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                restrict(file, access);
                return false;
            }
            Files.createDirectories(file.getParent());
            // Created 0600, so the content is never readable by others before its mode is set.
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                restrict(temp, access);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The group first, then the mode: the file is never readable by a group it is not meant for. */
    private static void restrict(Path file, Access access) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (access.group().isPresent() && !view.readAttributes().group().equals(access.group().get())) {
            try {
                view.setGroup(access.group().get());
            } catch (FileSystemException e) {
                throw new IOException("cannot give it to group " + access.group().get().getName()
                        + " (run the gateway as root or as a member of that group): " + e.getMessage(), e);
            }
        }
        if (!view.readAttributes().permissions().equals(access.mode())) {
            view.setPermissions(access.mode());
        }
    }
}
