package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link CallRecordRepositoryTest} on PostgreSQL. */
class PostgresCallRecordRepositoryTest extends CallRecordRepositoryTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
