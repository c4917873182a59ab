package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release signed on an HSM: the release key lives in a PKCS#11 token (SoftHSM here, a hardware module in a
 * release pipeline), build.sh signs with its {@code pkcs11:} URL, and the bundle verifies against the keyring
 * the image carries; with a wrong PIN nothing is signed.
 */
class HsmSigningIT {

    private static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String KEY_URL = "pkcs11:token=natterjack-release;object=release";

    @TempDir
    Path dir;

    @Test
    void signsABundleWithAKeyInAPkcs11Token() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (like the image build); skipped");
        Path keys = Path.of("target/keys").toAbsolutePath();
        assertEquals(0, run(Map.of(), "src/pki/pki.sh", keys.toString()).exitCode());
        Path config = dir.resolve("softhsm2.conf");
        Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(config, "directories.tokendir = " + dir.resolve("tokens") + "\nobjectstore.backend = file\n");
        Map<String, String> hsm = Map.of("SOFTHSM2_CONF", config.toString());
        assertEquals(0, run(hsm, "softhsm2-util", "--init-token", "--free", "--label", "natterjack-release",
                "--so-pin", "5678", "--pin", "1234").exitCode());
        Path pkcs8 = dir.resolve("release.p8");
        assertEquals(0, run(Map.of(), "openssl", "pkcs8", "-topk8", "-nocrypt", "-in",
                keys.resolve("release.key.pem").toString(), "-out", pkcs8.toString()).exitCode());
        assertEquals(0, run(hsm, "softhsm2-util", "--import", pkcs8.toString(), "--token", "natterjack-release",
                "--label", "release", "--id", "01", "--pin", "1234").exitCode());
        Files.delete(pkcs8); // from here on the key exists only in the token

        Path tree = dir.resolve("tree.tar");
        Path payload = dir.resolve("payload");
        Files.createDirectories(payload);
        Files.write(payload.resolve("README"), new byte[64 * 1024]); // RAUC wants a slot image over 4 KiB
        assertEquals(0, run(Map.of(), "tar", "-cf", tree.toString(), "-C", payload.toString(), "README").exitCode());

        Path signed = dir.resolve("hsm.raucb");
        Result ok = run(signing(hsm, "1234"), "./build.sh", "bundle", tree.toString(), "9.9.9", signed.toString());
        assertEquals(0, ok.exitCode(), ok.output());
        Result info = run(Map.of(), "rauc", "--conf=target/sign.conf", "info", "--keyring=" + keys.resolve("keyring.pem"),
                signed.toString());
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("Verified inline signature by 'CN = Natterjack Development Release Signing"),
                info.output());
        assertTrue(info.output().contains("9.9.9"), info.output());

        Result wrongPin = run(signing(hsm, "0000"), "./build.sh", "bundle", tree.toString(), "9.9.9",
                dir.resolve("refused.raucb").toString());
        assertNotEquals(0, wrongPin.exitCode(), wrongPin.output());
        assertTrue(wrongPin.output().contains("PIN incorrect"), wrongPin.output());
        assertTrue(Files.notExists(dir.resolve("refused.raucb")));
    }

    private static Map<String, String> signing(Map<String, String> hsm, String pin) {
        return Map.of("SOFTHSM2_CONF", hsm.get("SOFTHSM2_CONF"), "NATTERJACK_SIGNING_KEY", KEY_URL,
                "RAUC_PKCS11_MODULE", SOFTHSM.toString(), "RAUC_PKCS11_PIN", pin);
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "cmd", ".out");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
