package org.natterjack.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** HTTP Digest algorithms for SIP (RFC 3261 section 22.4, RFC 7616 / RFC 8760). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name used in the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    /** Parses an {@code algorithm=} value; absent means MD5 (RFC 3261). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex digest of the UTF-8 bytes of {@code text}. */
    public String hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** HA1 = H(username ":" realm ":" password); what the store keeps instead of the password. */
    public String ha1(String username, String realm, String password) {
        return hex(username + ":" + realm + ":" + password);
    }
}
