package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link UserRepositoryTest} on PostgreSQL. */
class PostgresUserRepositoryTest extends UserRepositoryTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
