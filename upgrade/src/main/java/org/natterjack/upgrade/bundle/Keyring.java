package org.natterjack.upgrade.bundle;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * RAUC's keyring ({@code /etc/rauc/keyring.pem}): the trusted root certificates (old and new root during a
 * rotation) and their CRLs, as PEM blocks in one file.
 */
public record Keyring(List<X509Certificate> roots, List<X509CRL> crls) {

    public Keyring {
        roots = List.copyOf(roots);
        crls = List.copyOf(crls);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("the keyring holds no certificate");
        }
    }

    /** @throws IOException if the file cannot be read or holds no certificate */
    public static Keyring load(Path pem) throws IOException {
        List<X509Certificate> roots = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(in)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder cert) {
                    roots.add(new JcaX509CertificateConverter().getCertificate(cert));
                } else if (o instanceof X509CRLHolder crl) {
                    crls.add(new JcaX509CRLConverter().getCRL(crl));
                }
            }
        } catch (CertificateException | CRLException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
        if (roots.isEmpty()) {
            throw new IOException(pem + " holds no certificate");
        }
        return new Keyring(roots, crls);
    }
}
