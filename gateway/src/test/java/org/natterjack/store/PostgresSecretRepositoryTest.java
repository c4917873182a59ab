package org.natterjack.store;

import org.natterjack.config.StoreSettings;

/** {@link SecretRepositoryTest} on PostgreSQL. */
class PostgresSecretRepositoryTest extends SecretRepositoryTest {

    @Override
    StoreSettings settings() throws Exception {
        return freshPostgres();
    }
}
