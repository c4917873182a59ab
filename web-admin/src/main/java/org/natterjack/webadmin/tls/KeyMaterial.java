package org.natterjack.webadmin.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.webadmin.auth.Secrets;

/**
 * A private key with its certificate chain (server certificate first), read from PEM text or a PKCS#12
 * file. Every problem is an {@link IllegalArgumentException} that says what is wrong and what to do.
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {

    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new InvalidFieldException("certificate", "certificate: no certificate found");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public boolean selfSigned() {
        return certificate().getIssuerX500Principal().equals(certificate().getSubjectX500Principal());
    }

    /** @param chainPem the server certificate, then any intermediates; {@code keyPem} unencrypted */
    public static KeyMaterial fromPem(String chainPem, String keyPem) {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(chainPem == null ? "" : chainPem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidFieldException("certificate", "certificate: not a PEM certificate chain (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new InvalidFieldException("certificate", "certificate: no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return new KeyMaterial(chain, privateKey(keyPem));
    }

    private static PrivateKey privateKey(String keyPem) {
        Object o;
        try (PEMParser pem = new PEMParser(new StringReader(keyPem == null ? "" : keyPem))) {
            o = pem.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException("privateKey", "privateKey: not a PEM private key (" + e.getMessage() + ")");
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidFieldException("privateKey", "privateKey: the key is encrypted; upload it decrypted"
                    + " (openssl pkey -in key.pem -out plain.pem) or as PKCS#12 with its password");
        }
        try {
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return keys.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                return keys.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new InvalidFieldException("privateKey", "privateKey: unreadable key (" + e.getMessage() + ")");
        }
        throw new InvalidFieldException("privateKey", "privateKey: no PEM private key (-----BEGIN PRIVATE KEY-----) found");
    }

    /** The first key entry of a PKCS#12 file with its chain. */
    public static KeyMaterial fromPkcs12(byte[] file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(file), secret);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    List<X509Certificate> chain = Arrays.stream(ks.getCertificateChain(alias))
                            .map(c -> (X509Certificate) c).toList();
                    return new KeyMaterial(chain, (PrivateKey) ks.getKey(alias, secret));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("pkcs12: cannot open it (" + e.getMessage()
                    + "); is the password right?");
        }
        throw new IllegalArgumentException("pkcs12: the file holds no private key");
    }

    /**
     * Checks that the key belongs to the certificate (it signs what the certificate's key verifies) and that
     * the certificate is valid at {@code now}.
     */
    public void checkUsable(Instant now) {
        X509Certificate cert = certificate();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new InvalidFieldException("certificate", "certificate: expired on " + cert.getNotAfter().toInstant());
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new InvalidFieldException("certificate", "certificate: not valid before " + cert.getNotBefore().toInstant());
        }
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> throw new InvalidFieldException("privateKey", "privateKey: " + key.getAlgorithm()
                        + " keys are not supported (RSA, EC or Ed25519)");
            };
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(challenge);
            if (!verify.verify(sign.sign())) {
                throw new InvalidFieldException("privateKey", "privateKey: does not match the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidFieldException("privateKey", "privateKey: does not match the certificate (" + e.getMessage() + ")");
        }
    }

    /** A key store with this under {@link TlsKeys#ALIAS} and a fresh random password. */
    public TlsKeys.Loaded toKeyStore(String description) throws GeneralSecurityException, IOException {
        String password = Secrets.token();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(TlsKeys.ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        return new TlsKeys.Loaded(ks, password, description);
    }
}
