package org.natterjack.tunnel.agent;

import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.ProxyAuthorization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent's answer to a digest challenge (RFC 7616 / RFC 2617, MD5 or SHA-256, with or without qop=auth), for the
 * REGISTERs it sends on the applications' behalf after a reconnect.
 */
final class DigestAnswer {

    private DigestAnswer() {
    }

    /**
     * The Authorization (for a 401's WWW-Authenticate) or Proxy-Authorization (for a 407's) header answering
     * {@code challenge}; empty for an algorithm or qop the agent does not speak.
     */
    static Optional<AuthenticationHeader> answer(AuthenticationHeader challenge, boolean proxy, String method,
                                                 String uri, String user, String password, String cnonce) {
        String algorithm = challenge.getAlgorithm() == null ? "MD5" : challenge.getAlgorithm();
        String hash = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> null;
        };
        String qop = challenge.getQop();
        boolean auth = qop != null && Arrays.stream(qop.split(",")).map(String::trim).anyMatch("auth"::equals);
        if (hash == null || (qop != null && !auth)) {
            return Optional.empty();
        }
        String nc = "00000001";
        String ha1 = h(hash, user + ':' + challenge.getRealm() + ':' + password);
        String ha2 = h(hash, method + ':' + uri);
        String response = auth
                ? h(hash, ha1 + ':' + challenge.getNonce() + ':' + nc + ':' + cnonce + ":auth:" + ha2)
                : h(hash, ha1 + ':' + challenge.getNonce() + ':' + ha2);
        AuthenticationHeader header = proxy ? new ProxyAuthorization() : new Authorization();
        try {
            header.setScheme("Digest");
            header.setUsername(user);
            header.setRealm(challenge.getRealm());
            header.setNonce(challenge.getNonce());
            header.setParameter("uri", uri);
            header.setResponse(response);
            header.setAlgorithm(algorithm);
            if (challenge.getOpaque() != null) {
                header.setOpaque(challenge.getOpaque());
            }
            if (auth) {
                header.setQop("auth");
                header.setNonceCount(1);
                header.setCNonce(cnonce);
            }
        } catch (ParseException e) {
            return Optional.empty();
        }
        return Optional.of(header);
    }

    static String h(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
