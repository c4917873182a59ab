package org.natterjack.tunnel.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's tunnel key, derived from the SHA-256 HA1 of their SIP credentials: what the gateway stores, so no
 * separate secret exists, and neither the password nor the HA1 is ever sent. Both sides prove they hold it with an
 * HMAC over the login's {@link Transcript}, the client first, so the gateway gives nothing to guess a password
 * from to a client that cannot prove itself.
 */
public final class LoginKey {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] LABEL = "natterjack tunnel key v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private LoginKey(byte[] key) {
        this.key = key;
    }

    /** The key of the account whose HA1 (lower-case hex SHA-256 of {@code user:realm:password}) is given. */
    public static LoginKey ofHa1(String sha256Ha1) {
        return new LoginKey(hmac(sha256Ha1.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                LABEL));
    }

    /** The key the agent computes from the password, once the gateway told it the realm. */
    public static LoginKey ofPassword(String user, String realm, String password) {
        try {
            byte[] ha1 = MessageDigest.getInstance("SHA-256")
                    .digest((user + ':' + realm + ':' + password).getBytes(StandardCharsets.UTF_8));
            return ofHa1(HexFormat.of().formatHex(ha1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** A key nobody holds: an unknown user's login is answered as a known one's, and fails the same way. */
    public static LoginKey unguessable() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new LoginKey(key);
    }

    /** A fresh nonce: 32 random octets, base64url. */
    public static String nonce() {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    public String clientProof(Transcript transcript) {
        return proof("client", transcript);
    }

    public String serverProof(Transcript transcript) {
        return proof("server", transcript);
    }

    /** Compares in constant time. */
    public static boolean same(String proof, String expected) {
        return MessageDigest.isEqual(proof.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    private String proof(String role, Transcript transcript) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, transcript.signedBy(role)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + HMAC, e);
        }
    }
}
