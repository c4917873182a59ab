package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.nat.NatPolicy;
import org.natterjack.sip.auth.DigestAlgorithm;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.users.UserPolicy;

class UserRepositoryTest extends StoreTestBase {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);


    private UserRepository users;

    private final SipUser alice = SipUser.withPassword("alice", "example.org", "example.org", "alice-pass");
    private final SipUser aliceAnywhere = SipUser.withPassword("alice", "", "natterjack", "other-pass");
    private final SipUser bob = SipUser.withPassword("bob", "", "natterjack", "bob-pass");

    @BeforeEach
    void setUp() {
        users = new UserRepository(open(), CLOCK);
    }

    @AfterEach
    void close() {
        users.close();
    }

    @Test
    void anAccountIsCreatedAtTheClocksTime() throws SQLException {
        users.add(bob);

        try (Connection c = open().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT created_at FROM sip_user WHERE username = 'bob'")) {
            rs.next();
            assertEquals(NOW.toString(), rs.getString(1));
        }
    }

    @Test
    void addedUserIsListedWithItsHashes() {
        assertTrue(users.add(alice));

        List<SipUser> listed = users.list();

        assertEquals(List.of(alice), listed);
        assertEquals(DigestAlgorithm.SHA_256.ha1("alice", "example.org", "alice-pass"),
                listed.get(0).ha1().get(DigestAlgorithm.SHA_256));
    }

    @Test
    void duplicateIsRefusedAndKeepsTheFirst() {
        assertTrue(users.add(alice));

        assertFalse(users.add(SipUser.withPassword("alice", "example.org", "example.org", "new-pass")));
        assertEquals(List.of(alice), users.list());
    }

    @Test
    void sameNameInAnotherDomainIsAnotherAccount() {
        assertTrue(users.add(alice));
        assertTrue(users.add(aliceAnywhere));

        assertEquals(2, users.list().size());
    }

    @Test
    void removeDeletesOnlyTheNamedAccount() {
        users.add(alice);
        users.add(aliceAnywhere);

        assertTrue(users.remove("alice", "example.org"));

        assertEquals(List.of(aliceAnywhere), users.list());
        assertFalse(users.remove("alice", "example.org"));
        assertFalse(users.remove("nobody", ""));
    }

    @Test
    void findPrefersTheDomainAccount() {
        users.add(alice);
        users.add(aliceAnywhere);
        users.refreshIfChanged();

        assertEquals(Optional.of(alice), users.find("alice", "example.org"));
    }

    @Test
    void findFallsBackToTheAnyDomainAccount() {
        users.add(alice);
        users.add(bob);
        users.refreshIfChanged();

        assertEquals(Optional.of(bob), users.find("bob", "example.org"));
        assertEquals(Optional.of(bob), users.find("bob", "192.0.2.10"));
        assertEquals(Optional.empty(), users.find("alice", "example.net"));
        assertEquals(Optional.empty(), users.find("carol", "example.org"));
    }

    @Test
    void findComparesDomainsCaseInsensitively() {
        users.add(alice);
        users.refreshIfChanged();

        assertEquals(Optional.of(alice), users.find("alice", "Example.ORG"));
    }

    @Test
    void usersSurviveReopeningTheStore() {
        users.add(alice);

        try (UserRepository reopened = new UserRepository(open(), CLOCK)) {
            assertEquals(Optional.of(alice), reopened.find("alice", "example.org"));
        }
    }

    @Test
    void refreshIfChangedPicksUpAUserAddedByAnotherProcess() throws InterruptedException {
        // The gateway runs with `users`; the command line opens the same store separately and adds bob.
        assertEquals(Optional.empty(), users.find("bob", "example.org"));
        try (UserRepository cli = new UserRepository(open(), CLOCK)) {
            assertTrue(cli.add(bob));
        }

        refreshUntil(users::refreshIfChanged, () -> users.find("bob", "example.org").isPresent());

        assertEquals(Optional.of(bob), users.find("bob", "example.org"));
    }

    @Test
    void refreshIfChangedPicksUpARemovalByAnotherProcess() throws InterruptedException {
        users.add(bob);
        users.refreshIfChanged();
        assertTrue(users.find("bob", "example.org").isPresent());
        try (UserRepository cli = new UserRepository(open(), CLOCK)) {
            assertTrue(cli.remove("bob", ""));
        }

        refreshUntil(users::refreshIfChanged, () -> users.find("bob", "example.org").isEmpty());

        assertEquals(Optional.empty(), users.find("bob", "example.org"));
    }

    @Test
    void aFoundUserIsServedFromTheSnapshotUntilRefreshed() throws InterruptedException {
        users.add(bob);
        users.refreshIfChanged();
        try (UserRepository cli = new UserRepository(open(), CLOCK)) {
            assertTrue(cli.remove("bob", ""));
        }

        // A hit never goes to the database (only a miss may, rate-limited, so new accounts work at once).
        assertEquals(Optional.of(bob), users.find("bob", "example.org"));
        refreshUntil(users::refreshIfChanged, () -> users.find("bob", "example.org").isEmpty());
        assertEquals(Optional.empty(), users.find("bob", "example.org"));
    }

    @Test
    void aPolicyIsServedFromTheSnapshotWithTheSameDomainFallback() throws Exception {
        users.add(alice);
        users.add(aliceAnywhere);
        UserPolicy roaming = new UserPolicy(1, NatPolicy.ALWAYS, "trunk:out");
        assertTrue(users.setPolicy("alice", "", roaming));
        assertFalse(users.setPolicy("nobody", "", roaming));
        users.refreshIfChanged();

        assertEquals(UserPolicy.DEFAULT, users.of("alice", "EXAMPLE.org"), "the domain account has its own");
        assertEquals(roaming, users.of("alice", "other.example"));
        assertEquals(UserPolicy.DEFAULT, users.of("nobody", "example.org"));
    }

    @Test
    void aStoredValueThePolicyRefusesGivesTheDefaults() throws Exception {
        users.add(bob);
        try (var c = open().connect(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE sip_user SET nat_policy = 'sometimes' WHERE username = 'bob'");
        }
        users.refreshIfChanged();

        assertEquals(UserPolicy.DEFAULT, users.of("bob", "example.org"));
    }
}
