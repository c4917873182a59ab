package org.natterjack.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A change watch on SQLite's {@code PRAGMA data_version}, which moves whenever another connection commits: a cheap
 * check, though it cannot tell tables apart.
 */
final class SqliteChangeWatch implements ChangeWatch {

    private final Connection connection;
    private long seen = -1;

    SqliteChangeWatch(Store store) {
        try {
            this.connection = store.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot open " + store.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean changed() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            long version = rs.getLong(1);
            boolean changed = version != seen;
            seen = version;
            return changed;
        }
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
