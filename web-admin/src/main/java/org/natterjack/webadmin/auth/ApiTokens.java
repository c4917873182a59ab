package org.natterjack.webadmin.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;

/** Bearer tokens for automation ({@code Authorization: Bearer nj_...}), stored as SHA-256 digests. */
public final class ApiTokens {

    /** A new token and its secret, which is not stored and cannot be shown again. */
    public record Created(ApiToken token, String secret) {
    }

    private static final String PREFIX = "nj_";

    private final Store store;
    private final Clock clock;

    public ApiTokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException for an empty or taken name */
    public Created create(String name, Role role, String createdBy) {
        if (name == null || !name.matches("[A-Za-z0-9._ -]{1,64}")) {
            throw new InvalidFieldException("name", "name: 1-64 of the characters A-Z a-z 0-9 . _ - and space");
        }
        String secret = PREFIX + Secrets.token();
        Instant now = clock.instant();
        String sql = "INSERT INTO api_token (name, token_hash, role, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql,
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, Secrets.sha256(secret));
            ps.setString(3, role.name());
            ps.setString(4, createdBy);
            ps.setString(5, now.toString());
            if (ps.executeUpdate() == 0) {
                throw new InvalidFieldException("name", "name: a token named " + name + " exists already");
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Created(new ApiToken(keys.getLong(1), name, role, createdBy, now), secret);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create token " + name + ": " + e.getMessage(), e);
        }
    }

    /** The token whose secret this is. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(secret);
        return query("WHERE token_hash = ?", hash).stream().findFirst();
    }

    public List<ApiToken> list() {
        return query("ORDER BY name", null);
    }

    public Optional<ApiToken> find(long id) {
        return list().stream().filter(t -> t.id() == id).findFirst();
    }

    public boolean revoke(long id) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + id + ": " + e.getMessage(), e);
        }
    }

    private List<ApiToken> query(String where, String arg) {
        List<ApiToken> tokens = new ArrayList<>();
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, role, created_by, created_at FROM api_token " + where)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(new ApiToken(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                            rs.getString(4), Instant.parse(rs.getString(5))));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new StoreException("cannot read tokens: " + e.getMessage(), e);
        }
    }
}
