package org.natterjack.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The plug-in's files: the stored settings ({@code DIR/50-natterjack.network}, copied into /run/systemd/network
 * by root at every boot), the candidate waiting for confirmation ({@code DIR/50-natterjack.network.candidate},
 * never read at boot, so a power cut while it waits reverts too), and the request to the root-side path unit
 * ({@code candidate} or {@code stored}: which of the two to put in effect now). Every write is a temporary file
 * renamed into place.
 */
final class NetworkFiles {

    /** What the root side is asked to put in effect. */
    enum Request {
        CANDIDATE("candidate"), STORED("stored");

        final String word;

        Request(String word) {
            this.word = word;
        }
    }

    private final Path dir;
    private final Path requestFile;

    NetworkFiles(Path dir, Path requestFile) {
        this.dir = dir;
        this.requestFile = requestFile;
    }

    Path stored() {
        return dir.resolve(NetworkFile.NAME);
    }

    Path candidate() {
        return dir.resolve(NetworkFile.NAME + ".candidate");
    }

    Path requestFile() {
        return requestFile;
    }

    Optional<String> readStored() throws IOException {
        return Files.exists(stored()) ? Optional.of(Files.readString(stored())) : Optional.empty();
    }

    boolean hasCandidate() {
        return Files.exists(candidate());
    }

    void writeCandidate(String text) throws IOException {
        atomically(candidate(), text);
    }

    /** The candidate becomes the stored file (one rename). */
    void keepCandidate() throws IOException {
        Files.move(candidate(), stored(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void dropCandidate() throws IOException {
        Files.deleteIfExists(candidate());
    }

    void request(Request what) throws IOException {
        atomically(requestFile, what.word + "\n");
    }

    private static void atomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
