package org.natterjack.store;

/**
 * Tells whether the tables a repository snapshots in memory may have been changed by someone else (the command
 * line, the web admin, another gateway) since the last look, so that the snapshot is reloaded only then.
 */
interface ChangeWatch extends AutoCloseable {

    /** True on the first call and whenever the watched tables may have changed since the previous call. */
    boolean changed() throws java.sql.SQLException;

    @Override
    void close();
}
