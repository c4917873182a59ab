package org.natterjack.upgrade.bundle;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;

/**
 * What the agent needs of a bundle's signed manifest ({@code manifest.raucm}, a GLib key file): {@code [update]
 * compatible} and {@code version}, {@code [bundle] format} and, for the verity format, the dm-verity root hash,
 * salt and hash tree size that {@code rauc bundle} wrote into the copy it signed ({@code rauc@v1.8:src/bundle.c}
 * create_bundle, {@code src/manifest.c}).
 */
public record Manifest(String compatible, String version, String format, String verityHash, String veritySalt,
                       long veritySize) {

    public Manifest {
        if (!verityHash.matches("[0-9a-fA-F]{64}") || !veritySalt.matches("[0-9a-fA-F]{64}") || veritySize <= 0
                || veritySize % VerityTree.BLOCK != 0) {
            throw new IllegalArgumentException("verity-hash and verity-salt must be 32 bytes in hex, verity-size a"
                    + " positive multiple of 4096");
        }
    }

    /** @throws UpgradeRefused if a field the agent needs is missing or malformed */
    public static Manifest parse(String text) throws UpgradeRefused {
        Map<String, String> keys = new HashMap<>();
        String group = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = line.substring(1, line.length() - 1);
            } else if (line.contains("=")) {
                int eq = line.indexOf('=');
                keys.put(group + "." + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String format = keys.getOrDefault("bundle.format", "plain");
        if (!"verity".equals(format)) {
            throw new UpgradeRefused(Check.FORMAT, "bundle format is " + format + ", the appliance takes verity"
                    + " bundles only");
        }
        try {
            return new Manifest(required(keys, "update.compatible"), required(keys, "update.version"), format,
                    required(keys, "bundle.verity-hash"), required(keys, "bundle.verity-salt"),
                    Long.parseLong(required(keys, "bundle.verity-size")));
        } catch (IllegalArgumentException e) {
            throw new UpgradeRefused(Check.FORMAT, "the bundle's manifest is malformed: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> keys, String key) {
        return Optional.ofNullable(keys.get(key)).filter(v -> !v.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException("no " + key.replaceFirst("\\.", "] ").replaceFirst("^", "[")));
    }
}
