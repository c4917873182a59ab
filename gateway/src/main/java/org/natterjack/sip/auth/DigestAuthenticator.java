package org.natterjack.sip.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.config.AuthSettings;

/**
 * Digest authentication (RFC 3261 section 22, RFC 7616 with qop=auth) against HA1 values.
 *
 * <p>Credentials are checked before the nonce: a right answer to a nonce we no longer know (expired, or
 * issued before a restart) earns {@code stale=true}, so the client retries silently instead of reporting a
 * wrong password.
 */
public final class DigestAuthenticator {

    private static final byte[] SECRET_SALT = new SecureRandom().generateSeed(16);

    private final NonceService nonces;
    private final Supplier<AuthSettings> settings;

    public DigestAuthenticator(NonceService nonces, Supplier<AuthSettings> settings) {
        this.nonces = nonces;
        this.settings = settings;
    }

    private List<DigestAlgorithm> algorithms() {
        return settings.get().algorithms().stream().map(t -> DigestAlgorithm.fromToken(t).orElseThrow()).toList();
    }

    /** WWW-Authenticate / Proxy-Authenticate values, one per configured algorithm, preferred first. */
    public List<String> challenges(String realm, boolean stale) {
        String nonce = nonces.issue();
        return algorithms().stream()
                .map(a -> "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + a.token()
                        + ", qop=\"auth\"" + (stale ? ", stale=true" : ""))
                .toList();
    }

    /**
     * Checks {@code credentials} against {@code user}'s HA1. An unknown user ({@code user} empty) costs the
     * same hash work as a known one and fails the same way, so neither the answer nor its timing tells a
     * scanner which users exist.
     */
    public AuthResult verify(String method, DigestResponse credentials, Optional<SipUser> user) {
        if (user.isEmpty()) {
            verify(method, credentials, decoy(credentials));
            return AuthResult.INVALID;
        }
        return verify(method, credentials, user.get());
    }

    /** A user that exists nowhere, under the name and realm of {@code credentials}, with an unguessable HA1. */
    private static SipUser decoy(DigestResponse credentials) {
        String ha1 = HexFormat.of().formatHex(SECRET_SALT);
        return new SipUser(String.valueOf(credentials.username()), "", String.valueOf(credentials.realm()),
                Map.of(DigestAlgorithm.MD5, ha1, DigestAlgorithm.SHA_256, ha1 + ha1));
    }

    /** Checks {@code credentials} against {@code user}'s HA1 for the challenged algorithm and realm. */
    public AuthResult verify(String method, DigestResponse credentials, SipUser user) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(credentials.algorithm()).orElse(null);
        if (algorithm == null || !algorithms().contains(algorithm) || !user.realm().equals(credentials.realm())
                || !user.username().equals(credentials.username()) || credentials.response() == null
                || credentials.nonce() == null || credentials.uri() == null) {
            return AuthResult.INVALID;
        }
        boolean withQop = credentials.qop() != null;
        if (withQop && (!"auth".equalsIgnoreCase(credentials.qop()) || credentials.cnonce() == null)) {
            return AuthResult.INVALID;
        }
        String expected = expectedResponse(algorithm, user.ha1().get(algorithm), method, credentials);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credentials.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return AuthResult.INVALID;
        }
        return switch (nonces.check(credentials.nonce(), withQop ? credentials.nonceCount() : 1)) {
            case FRESH -> AuthResult.VALID;
            case STALE, FOREIGN -> AuthResult.STALE;
            case REPLAYED -> AuthResult.REPLAYED;
        };
    }

    static String expectedResponse(DigestAlgorithm algorithm, String ha1, String method, DigestResponse c) {
        String ha2 = algorithm.hex(method + ":" + c.uri());
        if (c.qop() == null) {
            return algorithm.hex(ha1 + ":" + c.nonce() + ":" + ha2);
        }
        String nc = String.format("%08x", c.nonceCount());
        return algorithm.hex(ha1 + ":" + c.nonce() + ":" + nc + ":" + c.cnonce() + ":" + c.qop() + ":" + ha2);
    }
}
