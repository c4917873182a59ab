package org.natterjack.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.natterjack.upgrade.api.UpgradeStatus.HistoryEntry;

/**
 * The files shared with the root-side health gate, in {@code <data dir>/upgrade/}: {@code pending} (written by
 * the agent just before it switches slots), {@code history} and {@code boot-log} (appended by the gate), and the
 * agent's own {@code upload.raucb} and {@code download.part}. Shell-style {@code key=value} files, written to a
 * temporary file and renamed.
 */
public final class UpgradeFiles {

    /** What the gate needs to judge the first boot of the new slot. */
    public record Pending(String slot, String version, String fromSlot, String fromVersion, int registrations,
                          SortedSet<Integer> spansUp) {

        public Pending {
            spansUp = Collections.unmodifiableSortedSet(new TreeSet<>(spansUp));
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("slot", slot);
            m.put("version", version);
            m.put("from_slot", fromSlot);
            m.put("from_version", fromVersion);
            m.put("registrations", Integer.toString(registrations));
            m.put("spans", spansUp.stream().map(String::valueOf).collect(Collectors.joining(",")));
            return m;
        }
    }

    private final Path dir;

    public UpgradeFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path upload() {
        return dir.resolve("upload.raucb");
    }

    public Path download() {
        return dir.resolve("download.part");
    }

    public void writePending(Pending pending) throws IOException {
        writeKeyValues(dir.resolve("pending"), pending.asMap());
    }

    public Optional<Pending> pending() {
        Map<String, String> m = readKeyValues(dir.resolve("pending"));
        try {
            return m.isEmpty() ? Optional.empty() : Optional.of(new Pending(m.get("slot"), m.get("version"),
                    m.get("from_slot"), m.get("from_version"), Integer.parseInt(m.getOrDefault("registrations", "0")),
                    spans(m.getOrDefault("spans", ""))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static SortedSet<Integer> spans(String list) {
        SortedSet<Integer> spans = new TreeSet<>();
        for (String span : list.split(",")) {
            if (!span.isBlank()) {
                spans.add(Integer.parseInt(span.strip()));
            }
        }
        return spans;
    }

    /** The gate's {@code history}, newest first; lines that do not parse are skipped. */
    public List<HistoryEntry> history() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (String line : lines("history")) {
            parseHistory(line).ifPresent(entries::add);
        }
        Collections.reverse(entries);
        return entries;
    }

    /** The last {@code n} lines of the gate's {@code boot-log}, oldest first. */
    public List<String> bootLog(int n) {
        List<String> all = lines("boot-log");
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** {@code <ISO time> outcome=... slot=... version=... from_version=... reasons=<rest of the line>}. */
    static Optional<HistoryEntry> parseHistory(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String rest = line.substring(space + 1);
        int reasons = rest.indexOf("reasons=");
        if (reasons >= 0) {
            fields.put("reasons", rest.substring(reasons + "reasons=".length()).strip());
            rest = rest.substring(0, reasons);
        }
        for (String field : rest.strip().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        try {
            return Optional.of(new HistoryEntry(Instant.parse(line.substring(0, space)),
                    fields.getOrDefault("outcome", ""), fields.getOrDefault("slot", ""),
                    fields.getOrDefault("version", ""), fields.getOrDefault("from_version", ""),
                    fields.getOrDefault("reasons", "")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private List<String> lines(String name) {
        try {
            return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Map<String, String> readKeyValues(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return m;
    }

    /** Writes {@code content} and a newline to {@code file} (the reboot request, the force-downgrade file). */
    public static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }

    /** Writes {@code key=value} lines to a temporary file beside {@code file} and renames it into place. */
    public static void writeKeyValues(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v.replaceAll("[\\r\\n]+", " ")).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
