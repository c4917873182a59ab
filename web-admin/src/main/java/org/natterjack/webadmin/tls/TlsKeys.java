package org.natterjack.webadmin.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.natterjack.webadmin.WebAdminSettings;

/**
 * The key and certificate HTTPS is served with: a provided PKCS#12 file or PEM pair, or else the one in
 * {@code DATA/web-admin/}: uploaded in the web admin, or a self-signed one generated on first start (EC P-256,
 * ten years) and reused after.
 */
public final class TlsKeys {

    public static final String ALIAS = "web-admin";
    public static final String CERTIFICATE_FILE = "certificate.pem";
    public static final String KEY_FILE = "private-key.pem";

    private TlsKeys() {
    }

    /** A key store holding one key entry under {@link #ALIAS}, with {@code password} as its password. */
    public record Loaded(KeyStore keyStore, String password, String description) {
    }

    /** @throws IOException naming the file that cannot be read or parsed */
    public static Loaded load(WebAdminSettings settings, Path dir, InetAddress listenAddress) throws IOException {
        try {
            if (settings.keystore().isPresent()) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(settings.keystore().get())) {
                    ks.load(in, settings.keystorePassword().toCharArray());
                }
                return new Loaded(ks, settings.keystorePassword(), "keystore " + settings.keystore().get());
            }
            if (settings.certificate().isPresent()) {
                return fromPem(settings.certificate().get(), settings.privateKey().get());
            }
            Path cert = dir.resolve(CERTIFICATE_FILE);
            Path key = dir.resolve(KEY_FILE);
            if (!Files.exists(cert) || !Files.exists(key)) {
                generate(dir, cert, key, listenAddress);
            }
            return fromPem(cert, key);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot set up the web admin's TLS key: " + e.getMessage(), e);
        }
    }

    private static Loaded fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyMaterial material;
        try {
            material = KeyMaterial.fromPem(Files.readString(certFile), Files.readString(keyFile));
        } catch (IllegalArgumentException e) {
            throw new IOException(certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
        return material.toKeyStore((material.selfSigned() ? "self-signed certificate " : "certificate ") + certFile);
    }

    /**
     * Writes {@code material} as {@code DATA/web-admin/certificate.pem} and {@code private-key.pem} (mode
     * 600), where {@link #load} finds it at the next start unless the configuration names a certificate;
     * each file is replaced atomically.
     */
    public static void store(Path dir, KeyMaterial material) throws IOException {
        Files.createDirectories(dir);
        Path tmpKey = dir.resolve("private-key.pem.tmp");
        Path tmpCert = dir.resolve("certificate.pem.tmp");
        Files.deleteIfExists(tmpKey);
        Files.createFile(tmpKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(tmpKey))) {
            w.writeObject(new JcaPKCS8Generator(material.key(), null));
        }
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(tmpCert))) {
            for (X509Certificate c : material.chain()) {
                w.writeObject(c);
            }
        }
        Files.move(tmpKey, dir.resolve(KEY_FILE), StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, dir.resolve(CERTIFICATE_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void generate(Path dir, Path certFile, Path keyFile, InetAddress listenAddress)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String host = hostName();
        X500Name subject = new X500Name("CN=" + host + ",O=Natterjack");
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, host),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        if (!listenAddress.isAnyLocalAddress()) {
            names.add(new GeneralName(GeneralName.iPAddress, listenAddress.getHostAddress()));
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Files.createDirectories(dir);
        Path tmpKey = dir.resolve("private-key.pem.tmp");
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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "natterjack";
        }
    }
}
