package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link GroupRepositoryTest} on PostgreSQL. */
class PostgresGroupRepositoryTest extends GroupRepositoryTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
