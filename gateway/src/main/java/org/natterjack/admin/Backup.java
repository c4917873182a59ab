package org.natterjack.admin;

/**
 * The whole configuration as one JSON document with a format version: SIP users (with their HA1 values,
 * never passwords), routing rules, ring groups, settings overrides, and the parts of running plug-ins (PSTN
 * trunks and spans, web admin accounts and API tokens as hashes).
 */
public interface Backup {

    /** The current configuration (UTF-8 JSON). */
    byte[] export();

    /**
     * Replaces the configuration with {@code document} in one transaction; running components pick it up.
     * Parts of plug-ins that are not in the document stay as they are.
     *
     * @throws IllegalArgumentException saying what is wrong (format, version, a part's value); nothing changed
     */
    RestoreResult restore(byte[] document);
}
