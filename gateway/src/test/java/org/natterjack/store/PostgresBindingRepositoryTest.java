package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link BindingRepositoryTest} on PostgreSQL. */
class PostgresBindingRepositoryTest extends BindingRepositoryTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
