package org.natterjack.webadmin.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What the web admin shows of a certificate (never its key).
 *
 * @param names the subject alternative names (DNS names and IP addresses)
 * @param sha256 the fingerprint, as browsers show it
 * @param source where it comes from (the file, or the configuration's keystore)
 */
public record CertificateInfo(String subject, String issuer, List<String> names, Instant notBefore,
                              Instant notAfter, String sha256, String source) {

    static CertificateInfo of(X509Certificate cert, String source) {
        try {
            List<String> names = cert.getSubjectAlternativeNames() == null ? List.of()
                    : cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
            String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            return new CertificateInfo(cert.getSubjectX500Principal().getName(),
                    cert.getIssuerX500Principal().getName(), names, cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(), sha256, source);
        } catch (CertificateParsingException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot describe certificate: " + e.getMessage(), e);
        }
    }
}
