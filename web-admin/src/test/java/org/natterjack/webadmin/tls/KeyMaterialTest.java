package org.natterjack.webadmin.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking an uploaded key and certificate, and storing it where the next start finds it. */
class KeyMaterialTest {

    @TempDir
    Path dir;

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aMatchingValidPemPairIsUsable() throws Exception {
        TestCertificates a = TestCertificates.selfSigned("a.test");
        KeyMaterial material = KeyMaterial.fromPem(a.certificatePem(), a.keyPem());
        material.checkUsable(Instant.now());
        assertEquals(a.certificate(), material.certificate());
        assertTrue(material.selfSigned());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates a = TestCertificates.selfSigned("a.test");
        TestCertificates b = TestCertificates.selfSigned("b.test");
        KeyMaterial mixed = KeyMaterial.fromPem(a.certificatePem(), b.keyPem());
        assertEquals("privateKey: does not match the certificate", refusal(() -> mixed.checkUsable(Instant.now())));
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestCertificates old = TestCertificates.selfSigned("old.test", now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
        assertTrue(refusal(() -> fromPem(old).checkUsable(now)).startsWith("certificate: expired on"));
        TestCertificates future = TestCertificates.selfSigned("new.test", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        assertTrue(refusal(() -> fromPem(future).checkUsable(now)).startsWith("certificate: not valid before"));
    }

    private static KeyMaterial fromPem(TestCertificates c) {
        try {
            return KeyMaterial.fromPem(c.certificatePem(), c.keyPem());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void garbageAndEncryptedKeysAreRefusedWithTheField() throws Exception {
        TestCertificates a = TestCertificates.selfSigned("a.test");
        assertTrue(refusal(() -> KeyMaterial.fromPem("hello", "x")).startsWith("certificate: "));
        String certificate = a.certificatePem();
        assertTrue(refusal(() -> KeyMaterial.fromPem(certificate, certificate)).startsWith("privateKey: no PEM"));
        String encrypted = a.encryptedKeyPem("s3cret");
        assertTrue(refusal(() -> KeyMaterial.fromPem(certificate, encrypted)).startsWith(
                "privateKey: the key is encrypted"));
    }

    @Test
    void aPkcs12FileOpensWithItsPasswordOnly() throws Exception {
        TestCertificates a = TestCertificates.selfSigned("a.test");
        byte[] file = a.pkcs12("s3cret");
        assertEquals(a.certificate(), KeyMaterial.fromPkcs12(file, "s3cret").certificate());
        assertTrue(refusal(() -> KeyMaterial.fromPkcs12(file, "wrong")).contains("is the password right?"));
    }

    @Test
    void anUploadIsStoredWhereTheNextStartReadsItAndNothingChangesOnARefusal() throws Exception {
        TestCertificates first = TestCertificates.selfSigned("first.test");
        TestCertificates second = TestCertificates.selfSigned("second.test");
        ServedCertificate served = new ServedCertificate(fromPem(first).toKeyStore("test"), dir, Optional.empty(),
                Clock.systemUTC());

        assertThrows(IllegalArgumentException.class, () -> served.replace(KeyMaterial.fromPem(
                second.certificatePem(), first.keyPem())));
        assertTrue(served.current().subject().contains("first.test"));
        assertTrue(Files.notExists(dir.resolve(TlsKeys.CERTIFICATE_FILE)));

        ServedCertificate.Replaced replaced = served.replace(fromPem(second));
        assertTrue(replaced.certificate().subject().contains("second.test"));
        KeyMaterial stored = KeyMaterial.fromPem(Files.readString(dir.resolve(TlsKeys.CERTIFICATE_FILE)),
                Files.readString(dir.resolve(TlsKeys.KEY_FILE)));
        assertEquals(second.certificate(), stored.certificate());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(TlsKeys.KEY_FILE))));
    }

    @Test
    void anUploadIsRefusedWhenTheConfigurationNamesTheCertificate() throws Exception {
        TestCertificates first = TestCertificates.selfSigned("first.test");
        ServedCertificate served = new ServedCertificate(fromPem(first).toKeyStore("test"), dir,
                Optional.of("plugins.web-admin.keystore: /etc/natterjack/admin.p12"), Clock.systemUTC());
        KeyMaterial second = fromPem(TestCertificates.selfSigned("second.test"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> served.replace(second)).getMessage()
                .contains("the configuration names the certificate"));
    }
}
