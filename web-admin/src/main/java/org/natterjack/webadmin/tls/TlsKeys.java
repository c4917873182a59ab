package org.natterjack.webadmin.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
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
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.natterjack.webadmin.WebAdminSettings;

/**
 * The key and certificate HTTPS is served with: a provided PKCS#12 file or PEM pair, or else a self-signed
 * certificate generated on first start into {@code DATA/web-admin/} (EC P-256, ten years) and reused after.
 */
public final class TlsKeys {

    public static final String ALIAS = "web-admin";

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
            Path cert = dir.resolve("certificate.pem");
            Path key = dir.resolve("private-key.pem");
            if (!Files.exists(cert) || !Files.exists(key)) {
                generate(dir, cert, key, listenAddress);
            }
            Loaded loaded = fromPem(cert, key);
            return new Loaded(loaded.keyStore(), loaded.password(), "self-signed certificate " + cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot set up the web admin's TLS key: " + e.getMessage(), e);
        }
    }

    private static Loaded fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(certFile); PEMParser pem = new PEMParser(r)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(certFile + " holds no PEM certificate");
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyFile); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                key = keys.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                key = keys.getPrivateKey(info);
            } else {
                throw new IOException(keyFile + " holds no unencrypted PEM private key");
            }
        }
        String password = org.natterjack.webadmin.auth.Secrets.token();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        return new Loaded(ks, password, "certificate " + certFile);
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
        Files.move(tmpKey, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "natterjack";
        }
    }
}
