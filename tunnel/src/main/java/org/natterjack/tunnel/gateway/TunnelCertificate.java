package org.natterjack.tunnel.gateway;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.natterjack.tunnel.login.Fingerprint;

/**
 * The certificate the tunnel serves: the operator's PEM files, or a self-signed one made on first start and kept
 * in the plug-in's data directory (agents pin its fingerprint, so it must not change between starts).
 */
record TunnelCertificate(List<X509Certificate> chain, PrivateKey key) {

    static final String CERTIFICATE_FILE = "certificate.pem";
    static final String KEY_FILE = "private-key.pem";

    X509Certificate certificate() {
        return chain.get(0);
    }

    Fingerprint fingerprint() {
        return Fingerprint.of(certificate());
    }

    /** The operator's files if given, else the generated pair in {@code dir} (made now if missing). */
    static TunnelCertificate load(TunnelSettings settings, Path dir) throws IOException, GeneralSecurityException {
        if (settings.certificate().isPresent()) {
            return read(settings.certificate().get(), settings.privateKey().orElseThrow());
        }
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(dir, cert, key);
        }
        return read(cert, key);
    }

    private static TunnelCertificate read(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(certFile); PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        try (Reader reader = Files.newBufferedReader(keyFile); PEMParser pem = new PEMParser(reader)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return new TunnelCertificate(chain, converter.getPrivateKey(info));
            }
            if (o instanceof PEMKeyPair pair) {
                return new TunnelCertificate(chain, converter.getKeyPair(pair).getPrivate());
            }
            throw new GeneralSecurityException("no unencrypted private key in " + keyFile);
        }
    }

    private static void generate(Path dir, Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=Natterjack tunnel,O=Natterjack");
        Instant now = Instant.now();
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        Files.createDirectories(dir);
        Path tmpKey = dir.resolve(KEY_FILE + ".tmp");
        Files.deleteIfExists(tmpKey);
        Files.createFile(tmpKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(tmpKey))) {
            w.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
        }
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(certFile))) {
            w.writeObject(cert);
        }
        Files.move(tmpKey, keyFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
