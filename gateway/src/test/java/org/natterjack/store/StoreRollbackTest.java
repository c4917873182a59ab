package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.sip.auth.SipUser;
import org.sqlite.SQLiteDataSource;

/**
 * An appliance that rolls back to the previous release runs it on a store the newer release migrated: the older
 * release must open it (ignoring migrations it does not know) and keep serving its data.
 */
class StoreRollbackTest {

    @TempDir
    Path dataDir;

    @Test
    void olderReleaseOpensAStoreALaterReleaseMigrated() {
        SipUser bob = SipUser.withPassword("bob", "", "natterjack", "bob-pass");
        UserRepository before = new UserRepository(Store.open(dataDir), Clock.systemUTC());
        before.add(bob);
        before.close();

        SQLiteDataSource later = new SQLiteDataSource();
        later.setUrl("jdbc:sqlite:" + dataDir.resolve("natterjack.db"));
        Flyway.configure().dataSource(later).locations("classpath:db/migration/sqlite", "classpath:db/migration/common", "classpath:db/future").load().migrate();

        UserRepository after = new UserRepository(Store.open(dataDir), Clock.systemUTC());
        try {
            assertEquals(List.of(bob), after.list());
            SipUser carol = SipUser.withPassword("carol", "", "natterjack", "carol-pass");
            after.add(carol);
            assertEquals(2, after.list().size());
        } finally {
            after.close();
        }
    }
}
