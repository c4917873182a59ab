package org.natterjack.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells whether another connection (the command line, later the web admin) has committed to the store
 * since the last look, through SQLite's {@code PRAGMA data_version}: a cheap check that lets in-memory
 * snapshots be reloaded only when something changed.
 */
final class ChangeWatch implements AutoCloseable {

    private final Connection connection;
    private long seen = -1;

    ChangeWatch(Store store) {
        try {
            this.connection = store.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot open " + store.file() + ": " + e.getMessage(), e);
        }
    }

    /** True on the first call and whenever another connection committed since the previous call. */
    synchronized boolean changed() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            long version = rs.getLong(1);
            boolean changed = version != seen;
            seen = version;
            return changed;
        }
    }

    /** The watching connection, for reading the snapshot in the same transaction view. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a read-only connection at shutdown: nothing to lose.
        }
    }
}
