package org.natterjack.webadmin.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;

/** The web admin's accounts in the store. */
public final class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** NIST SP 800-63B: at least 8 characters, and long passphrases allowed. */
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 256;

    private final Store store;
    private final PasswordHasher hasher;
    private final Clock clock;

    public Accounts(Store store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException for an invalid name or password, or a name that is taken
     */
    public Account add(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidFieldException("username", "username: 1-32 of the characters A-Z a-z 0-9 . _ -");
        }
        checkPassword(password);
        Account account = new Account(username, role, clock.instant());
        String sql = "INSERT INTO admin_account (username, password_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            ps.setString(2, hasher.hash(password));
            ps.setString(3, role.name());
            ps.setString(4, account.createdAt().toString());
            if (ps.executeUpdate() == 0) {
                throw new InvalidFieldException("username", "username: " + username + " exists already");
            }
            return account;
        } catch (SQLException e) {
            throw new StoreException("cannot add account " + username + ": " + e.getMessage(), e);
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidFieldException("password", "password: " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
    }

    /** The account if {@code password} is its password. */
    public Optional<Account> authenticate(String username, String password) {
        String sql = "SELECT password_hash, role, created_at FROM admin_account WHERE username = ?";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    hasher.hash(password); // as slow as a wrong password, so names cannot be probed by timing
                    return Optional.empty();
                }
                if (!hasher.verify(password, rs.getString(1))) {
                    return Optional.empty();
                }
                return Optional.of(new Account(username, Role.valueOf(rs.getString(2)),
                        java.time.Instant.parse(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read account " + username + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets a new password if {@code current} is the account's password.
     *
     * @return false if {@code current} is wrong
     * @throws IllegalArgumentException if the new password is too short or too long
     */
    public boolean changePassword(String username, String current, String replacement) {
        checkPassword(replacement);
        if (authenticate(username, current == null ? "" : current).isEmpty()) {
            return false;
        }
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE admin_account SET password_hash = ? WHERE username = ?")) {
            ps.setString(1, hasher.hash(replacement));
            ps.setString(2, username);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot change the password of " + username + ": " + e.getMessage(), e);
        }
    }

    public List<Account> list() {
        List<Account> accounts = new ArrayList<>();
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, role, created_at FROM admin_account ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                accounts.add(new Account(rs.getString(1), Role.valueOf(rs.getString(2)),
                        java.time.Instant.parse(rs.getString(3))));
            }
            return accounts;
        } catch (SQLException e) {
            throw new StoreException("cannot list accounts: " + e.getMessage(), e);
        }
    }

    public Optional<Account> find(String username) {
        return list().stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public boolean hasAdmin() {
        return list().stream().anyMatch(a -> a.role() == Role.ADMIN);
    }

    public boolean remove(String username) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM admin_account WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot remove account " + username + ": " + e.getMessage(), e);
        }
    }
}
