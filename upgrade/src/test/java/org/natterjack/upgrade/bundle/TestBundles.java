package org.natterjack.upgrade.bundle;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Real RAUC bundles for tests, made with Debian's {@code rauc} 1.8 and {@code squashfs-tools} and a throwaway
 * ECDSA P-256 root and code-signing certificate from {@code openssl}, as the appliance build makes them
 * (appliance-image/DESIGN.md 4.3); tests are skipped with a message where the tools are missing.
 */
public final class TestBundles {

    public static final String COMPATIBLE = "natterjack-test";

    private final Path dir;

    private TestBundles(Path dir) {
        this.dir = dir;
    }

    /** Makes the keys in {@code dir}. */
    public static TestBundles in(Path dir) throws IOException, InterruptedException {
        for (String tool : List.of("rauc", "mksquashfs", "openssl")) {
            assumeTrue(onPath(tool), tool + " is not installed (apt-get install rauc squashfs-tools openssl)");
        }
        Files.writeString(dir.resolve("ext.cnf"), """
                [req]
                distinguished_name = dn
                [dn]
                [root]
                basicConstraints = critical,CA:TRUE
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                [leaf]
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature
                extendedKeyUsage = critical,codeSigning
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                [tls]
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature
                extendedKeyUsage = serverAuth
                subjectAltName = IP:127.0.0.1
                """);
        TestBundles b = new TestBundles(dir);
        b.root("root");
        b.root("other-root");
        b.leaf("release", "root", "leaf");
        b.leaf("server", "root", "tls");
        Files.writeString(dir.resolve("sign.conf"), "[system]\ncompatible=" + COMPATIBLE
                + "\nbootloader=noop\n[keyring]\npath=root.pem\ncheck-purpose=codesign\n");
        return b;
    }

    public Path keyring() {
        return dir.resolve("root.pem");
    }

    public Path otherKeyring() {
        return dir.resolve("other-root.pem");
    }

    /** The release certificate and key (PEM), to sign other things (the channel's index) with. */
    public Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** A verity bundle of {@code version} with {@code imageBytes} random bytes as its one image. */
    public Path bundle(String version, int imageBytes) throws IOException, InterruptedException {
        Path content = Files.createDirectories(dir.resolve("content-" + version));
        byte[] image = new byte[imageBytes];
        new Random(imageBytes).nextBytes(image);
        Files.write(content.resolve("rootfs.squashfs"), image);
        Files.writeString(content.resolve("manifest.raucm"), "[update]\ncompatible=" + COMPATIBLE + "\nversion="
                + version + "\n\n[bundle]\nformat=verity\n\n[image.rootfs]\nfilename=rootfs.squashfs\n");
        Path out = dir.resolve("natterjack-" + version + ".raucb");
        Files.deleteIfExists(out);
        run("rauc", "--conf=sign.conf", "bundle", "--cert=release.pem", "--key=release.key",
                content.toString(), out.toString());
        return out;
    }

    /** CMS-signs {@code file} detached, DER, as {@code openssl cms -sign} does for the channel's index. */
    public Path signDetached(Path file, String signer) throws IOException, InterruptedException {
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        run("openssl", "cms", "-sign", "-binary", "-in", file.toString(), "-signer", signer + ".pem", "-inkey",
                signer + ".key", "-outform", "DER", "-out", sig.toString());
        return sig;
    }

    /** A PKCS#12 key store (password {@code secret}) with the TLS server certificate for 127.0.0.1. */
    public Path serverKeystore() throws IOException, InterruptedException {
        run("openssl", "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12",
                "-passout", "pass:secret");
        return dir.resolve("server.p12");
    }

    private void root(String name) throws IOException, InterruptedException {
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key");
        run("openssl", "req", "-new", "-x509", "-config", "ext.cnf", "-extensions", "root", "-key", name + ".key",
                "-subj", "/CN=" + name, "-days", "3650", "-out", name + ".pem");
    }

    private void leaf(String name, String issuer, String extensions) throws IOException, InterruptedException {
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key");
        run("openssl", "req", "-new", "-config", "ext.cnf", "-key", name + ".key", "-subj", "/CN=" + name,
                "-out", name + ".csr");
        run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
                "-CAcreateserial", "-days", "3650", "-extfile", "ext.cnf", "-extensions", extensions,
                "-out", name + ".pem");
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
