package org.natterjack.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.natterjack.config.AuthSettings;
import org.natterjack.testing.MutableClock;

class DigestAuthenticatorTest {

    private static final String REALM = "example.org";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String URI = "sip:example.org";
    private static final String CNONCE = "0a4f113b";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final MutableClock clock = new MutableClock();
    private final AuthSettings settings = settings(List.of("SHA-256", "MD5"));
    private final NonceService nonces = new NonceService(() -> Duration.ofSeconds(settings.nonceLifetimeSeconds()),
            clock);
    private final DigestAuthenticator authenticator = new DigestAuthenticator(nonces, () -> settings);
    private final SipUser alice = SipUser.withPassword("alice", "example.org", REALM, PASSWORD);

    private static AuthSettings settings(List<String> algorithms) {
        return new AuthSettings(true, REALM, algorithms, 300, 10, 60, 300);
    }

    /** What a phone computes, written out here independently of the code under test. */
    private static DigestResponse answer(DigestAlgorithm algorithm, String username, String password, String nonce,
                                         long nc) {
        String ha1 = algorithm.hex(username + ":" + REALM + ":" + password);
        String ha2 = algorithm.hex("REGISTER:" + URI);
        String ncText = String.format("%08x", nc);
        String response = algorithm.hex(ha1 + ":" + nonce + ":" + ncText + ":" + CNONCE + ":auth:" + ha2);
        return new DigestResponse(username, REALM, nonce, URI, response, algorithm.token(), "auth", CNONCE, nc);
    }

    private static DigestResponse withAlgorithm(DigestResponse c, String algorithm) {
        return new DigestResponse(c.username(), c.realm(), c.nonce(), c.uri(), c.response(), algorithm, c.qop(),
                c.cnonce(), c.nonceCount());
    }

    private static String nonceOf(String challenge) {
        Matcher m = NONCE.matcher(challenge);
        assertTrue(m.find(), challenge);
        return m.group(1);
    }

    @Test
    void rightPasswordWithFreshNonceIsValid() {
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void md5IsAcceptedWhenConfigured() {
        DigestResponse credentials = answer(DigestAlgorithm.MD5, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void absentAlgorithmMeansMd5() {
        DigestResponse credentials = withAlgorithm(
                answer(DigestAlgorithm.MD5, "alice", PASSWORD, nonces.issue(), 1), null);

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void upperCaseResponseHexIsAccepted() {
        DigestResponse c = answer(DigestAlgorithm.MD5, "alice", PASSWORD, nonces.issue(), 1);
        DigestResponse upper = new DigestResponse(c.username(), c.realm(), c.nonce(), c.uri(),
                c.response().toUpperCase(Locale.ROOT), c.algorithm(), c.qop(), c.cnonce(), c.nonceCount());

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", upper, alice));
    }

    @Test
    void rfc2069CredentialsWithoutQopAreValidOnceOnly() {
        String nonce = nonces.issue();
        String ha1 = DigestAlgorithm.MD5.ha1("alice", REALM, PASSWORD);
        String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":" + DigestAlgorithm.MD5.hex("REGISTER:" + URI));
        DigestResponse noQop = new DigestResponse("alice", REALM, nonce, URI, response, "MD5", null, null, 0);

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", noQop, alice));
        assertEquals(AuthResult.REPLAYED, authenticator.verify("REGISTER", noQop, alice));
    }

    @Test
    void wrongPasswordIsInvalid() {
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", "guess", nonces.issue(), 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void answerComputedForAnotherMethodIsInvalid() {
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("INVITE", credentials, alice));
    }

    @Test
    void unknownAlgorithmIsInvalid() {
        DigestResponse credentials = withAlgorithm(
                answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1), "SHA-512-256");

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void algorithmThatIsNotConfiguredIsInvalid() {
        DigestAuthenticator sha256Only = new DigestAuthenticator(nonces, () -> settings(List.of("SHA-256")));
        DigestResponse credentials = answer(DigestAlgorithm.MD5, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.INVALID, sha256Only.verify("REGISTER", credentials, alice));
    }

    @Test
    void credentialsForAnotherUserAreInvalid() {
        SipUser bob = SipUser.withPassword("bob", "example.org", REALM, PASSWORD);
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, bob));
    }

    @Test
    void anUnknownUserFailsLikeAWrongPasswordAndLeavesTheNonceUsable() {
        String nonce = nonces.issue();
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "mallory", PASSWORD, nonce, 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, Optional.empty()));
        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER",
                answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonce, 1), Optional.of(alice)));
    }

    @Test
    void credentialsForAnotherRealmAreInvalid() {
        SipUser aliceElsewhere = SipUser.withPassword("alice", "example.net", "example.net", PASSWORD);
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, aliceElsewhere));
    }

    @Test
    void qopOtherThanAuthIsInvalid() {
        DigestResponse c = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);
        DigestResponse authInt = new DigestResponse(c.username(), c.realm(), c.nonce(), c.uri(), c.response(),
                c.algorithm(), "auth-int", c.cnonce(), c.nonceCount());

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", authInt, alice));
    }

    @Test
    void qopWithoutCnonceIsInvalid() {
        DigestResponse c = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);
        DigestResponse noCnonce = new DigestResponse(c.username(), c.realm(), c.nonce(), c.uri(), c.response(),
                c.algorithm(), c.qop(), null, c.nonceCount());

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", noCnonce, alice));
    }

    @Test
    void rightPasswordWithExpiredNonceIsStale() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofSeconds(settings.nonceLifetimeSeconds() + 1));

        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonce, 1);

        assertEquals(AuthResult.STALE, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void wrongPasswordWithExpiredNonceIsInvalidNotStale() {
        // Credentials are checked before the nonce: stale=true must not tell a guesser to simply retry.
        String nonce = nonces.issue();
        clock.advance(Duration.ofSeconds(settings.nonceLifetimeSeconds() + 1));

        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", "guess", nonce, 1);

        assertEquals(AuthResult.INVALID, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void rightPasswordWithNonceFromBeforeARestartIsStale() {
        NonceService beforeRestart = new NonceService(() -> Duration.ofSeconds(300), clock);
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, beforeRestart.issue(), 1);

        assertEquals(AuthResult.STALE, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void replayedNonceCountIsReplayed() {
        DigestResponse credentials = answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonces.issue(), 1);
        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", credentials, alice));

        assertEquals(AuthResult.REPLAYED, authenticator.verify("REGISTER", credentials, alice));
    }

    @Test
    void nextNonceCountOnTheSameNonceIsValid() {
        String nonce = nonces.issue();
        assertEquals(AuthResult.VALID,
                authenticator.verify("REGISTER", answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonce, 1), alice));

        assertEquals(AuthResult.VALID,
                authenticator.verify("REGISTER", answer(DigestAlgorithm.SHA_256, "alice", PASSWORD, nonce, 2), alice));
    }

    @Test
    void challengesListConfiguredAlgorithmsInOrderWithQopAuth() {
        List<String> challenges = authenticator.challenges(REALM, false);

        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=SHA-256"), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=MD5"), challenges.get(1));
        for (String c : challenges) {
            assertTrue(c.startsWith("Digest realm=\"example.org\""), c);
            assertTrue(c.contains("qop=\"auth\""), c);
            assertFalse(c.contains("stale"), c);
        }
    }

    @Test
    void challengesFollowTheOtherConfiguredOrderToo() {
        DigestAuthenticator md5First = new DigestAuthenticator(nonces,
                () -> settings(List.of("MD5", "SHA-256")));

        List<String> challenges = md5First.challenges(REALM, false);

        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=MD5"), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=SHA-256"), challenges.get(1));
    }

    @Test
    void staleChallengesSayStaleTrue() {
        for (String c : authenticator.challenges(REALM, true)) {
            assertTrue(c.contains("stale=true"), c);
        }
    }

    @Test
    void challengesShareOneFreshNonceThatAuthenticates() {
        List<String> challenges = authenticator.challenges(REALM, false);
        String nonce = nonceOf(challenges.get(0));
        assertEquals(nonce, nonceOf(challenges.get(1)));

        DigestResponse credentials = answer(DigestAlgorithm.MD5, "alice", PASSWORD, nonce, 1);

        assertEquals(AuthResult.VALID, authenticator.verify("REGISTER", credentials, alice));
    }
}
