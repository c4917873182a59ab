package org.natterjack.upgrade.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;

/** The agent's own bundle check against bundles {@code rauc bundle} made, intact and tampered with. */
class BundleVerifierTest {

    @TempDir
    static Path dir;
    static TestBundles bundles;
    static Path good;
    static BundleVerifier verifier;

    @BeforeAll
    static void makeBundle() throws Exception {
        bundles = TestBundles.in(dir);
        // 600 kB of random bytes: about 150 data blocks, so the hash tree has two levels.
        good = bundles.bundle("1.2.0~20261205001500", 600_000);
        verifier = new BundleVerifier(new SignedContent(Keyring.load(bundles.keyring()), Clock.systemUTC()));
    }

    @Test
    void anIntactBundlePassesWithItsSignedManifest() throws Exception {
        Manifest manifest = verifier.verify(good);
        assertEquals(TestBundles.COMPATIBLE, manifest.compatible());
        assertEquals("1.2.0~20261205001500", manifest.version());
        assertEquals(3 * VerityTree.BLOCK, manifest.veritySize(), "two hash blocks at level 0, one above them");
    }

    @Test
    void aFlippedPayloadByteIsRefused() throws Exception {
        Path bad = flipped("payload", 5000);
        assertEquals(Check.PAYLOAD, assertThrows(UpgradeRefused.class, () -> verifier.verify(bad)).check());
    }

    @Test
    void aFlippedByteInTheHashTreeIsRefused() throws Exception {
        Manifest manifest = verifier.verify(good);
        long tree = Files.size(good) - 8 - cmsSize(good) - manifest.veritySize();
        Path bad = flipped("tree", tree + 100);
        assertEquals(Check.PAYLOAD, assertThrows(UpgradeRefused.class, () -> verifier.verify(bad)).check());
    }

    @Test
    void aFlippedSignatureByteIsRefused() throws Exception {
        Path bad = flipped("signature", Files.size(good) - 8 - 3);
        assertEquals(Check.SIGNATURE, assertThrows(UpgradeRefused.class, () -> verifier.verify(bad)).check());
    }

    @Test
    void aBundleSignedUnderAnotherRootIsRefused() throws Exception {
        BundleVerifier other = new BundleVerifier(new SignedContent(Keyring.load(bundles.otherKeyring()),
                Clock.systemUTC()));
        UpgradeRefused refused = assertThrows(UpgradeRefused.class, () -> other.verify(good));
        assertEquals(Check.SIGNATURE, refused.check());
    }

    @Test
    void aFileThatIsNoBundleIsRefused() throws Exception {
        Path junk = dir.resolve("junk.raucb");
        Files.write(junk, new byte[20_000]);
        assertEquals(Check.FORMAT, assertThrows(UpgradeRefused.class, () -> verifier.verify(junk)).check());
    }

    @Test
    void anOlderVersionIsRefusedUnlessForcedAndAnotherSystemsAlways() throws Exception {
        Manifest manifest = verifier.verify(good);
        assertEquals(Check.OLDER, assertThrows(UpgradeRefused.class, () -> BundleVerifier.requireAcceptable(
                manifest, TestBundles.COMPATIBLE, "1.2.0", false)).check());
        BundleVerifier.requireAcceptable(manifest, TestBundles.COMPATIBLE, "1.2.0", true);
        BundleVerifier.requireAcceptable(manifest, TestBundles.COMPATIBLE, "1.1.9", false);
        assertEquals(Check.COMPATIBLE, assertThrows(UpgradeRefused.class, () -> BundleVerifier.requireAcceptable(
                manifest, "other-x86_64-efi", "1.1.9", true)).check());
    }

    private static Path flipped(String name, long offset) throws IOException {
        Path copy = dir.resolve(name + ".raucb");
        Files.copy(good, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
        assertTrue(Files.mismatch(good, copy) == offset);
        return copy;
    }

    private static long cmsSize(Path bundle) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "r")) {
            f.seek(f.length() - 8);
            return f.readLong();
        }
    }
}
