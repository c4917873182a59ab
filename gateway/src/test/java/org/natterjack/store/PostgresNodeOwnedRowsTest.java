package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link NodeOwnedRowsTest} on PostgreSQL. */
class PostgresNodeOwnedRowsTest extends NodeOwnedRowsTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
