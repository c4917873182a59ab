package org.natterjack.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One part of the configuration backup (SIP users, routes, a plug-in's trunks or accounts), under its
 * {@link #name()} in the document. A restore validates every part before any changes, then replaces them all
 * within one store transaction, then tells each part it is done.
 */
public interface BackupPart {

    /** The part's key in the backup document: lower-case letters, digits and hyphens. */
    String name();

    /** The part's data as stored now (secrets only as the store keeps them: hashes, never passwords). */
    JsonNode export(Connection c) throws SQLException;

    /**
     * Checks {@code data} without changing anything.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    void validate(JsonNode data);

    /** Replaces the part's data with {@code data} (validated) within the caller's transaction. */
    void restore(Connection c, JsonNode data) throws SQLException;

    /** After the transaction committed: make running components take the new data (if they do not by themselves). */
    default void restored() {
    }
}
