package org.natterjack.tunnel.login;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

/**
 * What ties a login to its TLS connection, so that proofs made over one connection are worthless over another
 * (a TLS-intercepting middlebox has its own certificate, so the two ends compute different bindings).
 *
 * <p>RFC 5929 {@code tls-server-end-point}: the hash of the server's certificate, with the certificate's own
 * signature hash, or SHA-256 where that is MD5 or SHA-1. Java 17 has no TLS exporter for RFC 9266
 * {@code tls-exporter}; the {@code hello} names the type so that a later version can offer it.
 *
 * @param type the RFC 5056 channel binding type
 * @param data its octets
 */
public record ChannelBinding(String type, byte[] data) {

    public static final String SERVER_END_POINT = "tls-server-end-point";

    public static ChannelBinding serverEndPoint(X509Certificate certificate) {
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = signature.startsWith("SHA512") ? "SHA-512" : signature.startsWith("SHA384") ? "SHA-384"
                : "SHA-256";
        try {
            return new ChannelBinding(SERVER_END_POINT,
                    MessageDigest.getInstance(hash).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelBinding b && b.type.equals(type) && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type;
    }
}
