package org.natterjack.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/** Random keys the gateway creates once and keeps in the store. */
public final class SecretRepository {

    private final Store store;
    private final Clock clock;

    public SecretRepository(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The 32-byte key called {@code name}, created on first use. */
    public byte[] key(String name) {
        try (Connection c = store.connect()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO gateway_secret (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, name);
                insert.setBytes(2, fresh);
                insert.setString(3, clock.instant().toString());
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM gateway_secret WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read secret " + name + " from " + store.name() + ": " + e.getMessage(), e);
        }
    }
}
