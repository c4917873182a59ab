package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.natterjack.nat.NatPolicy;
import org.natterjack.sip.auth.DigestAlgorithm;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.users.UserPolicies;
import org.natterjack.users.UserPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP accounts in the store.
 *
 * <p>Lookups are served from an in-memory snapshot, reloaded by {@link #refreshIfChanged()} when the store's
 * {@link ChangeWatch} shows that someone else (the command line, the web admin, another gateway) committed.
 */
public final class UserRepository implements UserDirectory, UserPolicies, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserRepository.class);

    private final Store store;
    private final Clock clock;
    private final ChangeWatch watch;
    private volatile Map<String, SipUser> snapshot = Map.of();
    private volatile Map<String, UserPolicy> policySnapshot = Map.of();
    private volatile long lastMissRefresh = System.nanoTime();

    private static final long MISS_REFRESH_NANOS = 200_000_000L;

    public UserRepository(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.watch = store.watch(Set.of("sip_user"));
        refreshIfChanged();
    }

    @Override
    public Optional<SipUser> find(String username, String domain) {
        Optional<SipUser> user = lookup(username, domain);
        if (user.isEmpty() && System.nanoTime() - lastMissRefresh > MISS_REFRESH_NANOS) {
            // An account added a moment ago (e.g. by the CLI) should work at once, not after the next reload;
            // rate-limited so unknown-user floods cost no more than one cheap version check per interval.
            lastMissRefresh = System.nanoTime();
            refreshIfChanged();
            user = lookup(username, domain);
        }
        return user;
    }

    private Optional<SipUser> lookup(String username, String domain) {
        Map<String, SipUser> users = snapshot;
        SipUser user = users.get(key(username, domain));
        return Optional.ofNullable(user != null ? user : users.get(key(username, "")));
    }

    @Override
    public UserPolicy of(String username, String domain) {
        Map<String, UserPolicy> policies = policySnapshot;
        UserPolicy policy = policies.get(key(username, domain));
        return policy != null ? policy : policies.getOrDefault(key(username, ""), UserPolicy.DEFAULT);
    }

    /** Adds an account; false if one with this name and domain exists. */
    public boolean add(SipUser user) {
        String sql = "INSERT INTO sip_user (username, domain, realm, ha1_md5, ha1_sha256, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user.username());
            ps.setString(2, user.domain());
            ps.setString(3, user.realm());
            ps.setString(4, user.ha1().get(DigestAlgorithm.MD5));
            ps.setString(5, user.ha1().get(DigestAlgorithm.SHA_256));
            ps.setString(6, clock.instant().toString());
            return wrote(ps.executeUpdate() == 1);
        } catch (SQLException e) {
            throw new StoreException("cannot add user " + user.username() + ": " + e.getMessage(), e);
        }
    }

    /** Removes an account; false if there was none. */
    public boolean remove(String username, String domain) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sip_user WHERE username = ? AND domain = ?")) {
            ps.setString(1, username);
            ps.setString(2, domain);
            return wrote(ps.executeUpdate() == 1);
        } catch (SQLException e) {
            throw new StoreException("cannot remove user " + username + ": " + e.getMessage(), e);
        }
    }

    /** Replaces an existing account's realm and HA1 values (a new password); false if there is none. */
    public boolean replace(SipUser user) {
        String sql = "UPDATE sip_user SET realm = ?, ha1_md5 = ?, ha1_sha256 = ? WHERE username = ? AND domain = ?";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user.realm());
            ps.setString(2, user.ha1().get(DigestAlgorithm.MD5));
            ps.setString(3, user.ha1().get(DigestAlgorithm.SHA_256));
            ps.setString(4, user.username());
            ps.setString(5, user.domain());
            return wrote(ps.executeUpdate() == 1);
        } catch (SQLException e) {
            throw new StoreException("cannot update user " + user.username() + ": " + e.getMessage(), e);
        }
    }

    /** Sets the display name operators see (SIP does not use it); false if there is no such account. */
    public boolean setDisplayName(String username, String domain, String displayName) {
        String sql = "UPDATE sip_user SET display_name = ? WHERE username = ? AND domain = ?";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, displayName);
            ps.setString(2, username);
            ps.setString(3, domain);
            return wrote(ps.executeUpdate() == 1);
        } catch (SQLException e) {
            throw new StoreException("cannot update user " + username + ": " + e.getMessage(), e);
        }
    }

    /** Sets an account's policy; false if there is no such account. */
    public boolean setPolicy(String username, String domain, UserPolicy policy) {
        String sql = "UPDATE sip_user SET max_contacts = ?, nat_policy = ?, home_route = ?, tunnel_allowed = ?"
                + " WHERE username = ? AND domain = ?";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, policy.maxContacts());
            ps.setString(2, policy.natPolicy().text());
            ps.setString(3, policy.homeRoute());
            ps.setInt(4, policy.tunnel() ? 1 : 0);
            ps.setString(5, username);
            ps.setString(6, domain);
            return wrote(ps.executeUpdate() == 1);
        } catch (SQLException e) {
            throw new StoreException("cannot update user " + username + ": " + e.getMessage(), e);
        }
    }

    /** Policies by {@link #key(String, String)} of the account, read from the store now (not the snapshot). */
    public Map<String, UserPolicy> policies() {
        try (Connection c = store.connect()) {
            return readPolicies(c);
        } catch (SQLException e) {
            throw new StoreException("cannot list users: " + e.getMessage(), e);
        }
    }

    /** Display names by {@link #key(String, String)} of the account; accounts without one are left out. */
    public Map<String, String> displayNames() {
        Map<String, String> names = new HashMap<>();
        try (Connection c = store.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT username, domain, display_name FROM sip_user WHERE display_name <> ''")) {
            while (rs.next()) {
                names.put(key(rs.getString(1), rs.getString(2)), rs.getString(3));
            }
            return names;
        } catch (SQLException e) {
            throw new StoreException("cannot list users: " + e.getMessage(), e);
        }
    }

    public List<SipUser> list() {
        try (Connection c = store.connect()) {
            return readAll(c);
        } catch (SQLException e) {
            throw new StoreException("cannot list users: " + e.getMessage(), e);
        }
    }

    /** Reloads the lookup snapshot if the table may have changed since the last call. Cheap when it has not. */
    public synchronized void refreshIfChanged() {
        try {
            if (!watch.changed()) {
                return;
            }
            try (Connection c = store.connect()) {
                Map<String, SipUser> users = new HashMap<>();
                for (SipUser u : readAll(c)) {
                    users.put(key(u.username(), u.domain()), u);
                }
                snapshot = Map.copyOf(users);
                policySnapshot = readPolicies(c);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read users: " + e.getMessage(), e);
        }
    }

    private static List<SipUser> readAll(Connection c) throws SQLException {
        List<SipUser> users = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT username, domain, realm, ha1_md5, ha1_sha256 FROM sip_user ORDER BY domain, username")) {
            while (rs.next()) {
                users.add(new SipUser(rs.getString(1), rs.getString(2), rs.getString(3), Map.of(
                        DigestAlgorithm.MD5, rs.getString(4),
                        DigestAlgorithm.SHA_256, rs.getString(5))));
            }
        }
        return users;
    }

    /** Accounts with a stored value that {@link UserPolicy} refuses (edited by hand) fall back to the default. */
    private static Map<String, UserPolicy> readPolicies(Connection c) throws SQLException {
        Map<String, UserPolicy> policies = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT username, domain, max_contacts, nat_policy, home_route, tunnel_allowed FROM sip_user")) {
            while (rs.next()) {
                String key = key(rs.getString(1), rs.getString(2));
                try {
                    policies.put(key, new UserPolicy(rs.getInt(3), NatPolicy.parse(rs.getString(4)), rs.getString(5),
                            rs.getInt(6) != 0));
                } catch (IllegalArgumentException e) {
                    LOG.warn("User {} has an invalid stored setting ({}); using the defaults: change it in the"
                            + " web admin or with 'natterjack user set'", key, e.getMessage());
                    policies.put(key, UserPolicy.DEFAULT);
                }
            }
        }
        return Map.copyOf(policies);
    }

    /** Lets this process's watches see its own write at once, without waiting for the store's notification. */
    private boolean wrote(boolean changed) {
        store.wrote("sip_user");
        return changed;
    }

    /** How accounts are keyed: {@code username@domain}, the domain in lower case. */
    public static String key(String username, String domain) {
        return username + "@" + domain.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        watch.close();
    }
}
