package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretRepositoryTest extends StoreTestBase {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");


    @Test
    void aKeyIsCreatedOnceAtTheClocksTimeAndKept() throws SQLException {
        Store store = open();
        SecretRepository secrets = new SecretRepository(store, Clock.fixed(NOW, ZoneOffset.UTC));

        byte[] first = secrets.key("flow-token");
        SecretRepository later = new SecretRepository(store, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        assertArrayEquals(first, later.key("flow-token"));
        assertEquals(32, first.length);
        assertFalse(Arrays.equals(first, secrets.key("pstn-ami")));
        try (Connection c = store.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT created_at FROM gateway_secret WHERE name = 'flow-token'")) {
            rs.next();
            assertEquals(NOW.toString(), rs.getString(1));
        }
    }
}
