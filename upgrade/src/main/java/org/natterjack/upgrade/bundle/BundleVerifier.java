package org.natterjack.upgrade.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;

/**
 * The agent's own check of a verity bundle, before anything is drained or written. RAUC 1.8's {@code Info}
 * checks the signature but not a verity bundle's payload (the kernel only finds a flipped byte while the slot is
 * being written), so the payload is hashed here.
 *
 * <p>Layout ({@code rauc@v1.8:src/bundle.c} create_bundle, check_bundle_payload): the squashfs payload, the
 * dm-verity hash tree ({@code verity-size} bytes), the CMS signature (attached: the manifest is its content),
 * then the CMS size as a big-endian 64-bit number; the signature is at most 64 KiB and everything before it
 * a multiple of 4096 bytes.
 */
public final class BundleVerifier {

    private static final long MAX_SIGNATURE = 64 * 1024;

    private final SignedContent signatures;

    public BundleVerifier(SignedContent signatures) {
        this.signatures = signatures;
    }

    /**
     * The bundle's signed manifest once its signature, its payload and its hash tree have been checked.
     *
     * @throws UpgradeRefused naming the check that failed
     * @throws IOException if the file cannot be read
     */
    public Manifest verify(Path bundle) throws UpgradeRefused, IOException {
        try (FileChannel file = FileChannel.open(bundle, StandardOpenOption.READ)) {
            long size = file.size();
            if (size < 8 + 2 * VerityTree.BLOCK) {
                throw new UpgradeRefused(Check.FORMAT, "the file is too small to be a RAUC bundle");
            }
            long cmsSize = read(file, size - 8, 8).getLong();
            if (cmsSize <= 0 || cmsSize > MAX_SIGNATURE || cmsSize > size - 8) {
                throw new UpgradeRefused(Check.FORMAT, "not a RAUC bundle (signature size " + cmsSize + ")");
            }
            long signed = size - 8 - cmsSize;
            if (signed % VerityTree.BLOCK != 0) {
                throw new UpgradeRefused(Check.FORMAT, "not a RAUC bundle (payload of " + signed
                        + " bytes is no multiple of 4 KiB)");
            }
            Manifest manifest = Manifest.parse(new String(signatures.attached(read(file, signed, (int) cmsSize).array()),
                    StandardCharsets.UTF_8));
            long payload = signed - manifest.veritySize();
            if (payload <= VerityTree.BLOCK) {
                throw new UpgradeRefused(Check.PAYLOAD, "the payload is shorter than the signed manifest says");
            }
            VerityTree tree = VerityTree.compute(file, payload / VerityTree.BLOCK,
                    HexFormat.of().parseHex(manifest.veritySalt()));
            if (tree.size() != manifest.veritySize()
                    || !MessageDigest.isEqual(tree.rootHash(), HexFormat.of().parseHex(manifest.verityHash()))) {
                throw new UpgradeRefused(Check.PAYLOAD, "the payload does not match the signed verity hash: the"
                        + " bundle is corrupt or was tampered with");
            }
            if (!tree.matches(file, payload)) {
                throw new UpgradeRefused(Check.PAYLOAD, "the bundle's verity hash tree is corrupt");
            }
            return manifest;
        }
    }

    /**
     * Refuses a bundle for another system, or older than {@code running} unless {@code force}.
     *
     * @param systemCompatible RAUC's {@code Compatible} ({@code [system] compatible} of system.conf)
     */
    public static void requireAcceptable(Manifest manifest, String systemCompatible, String running, boolean force)
            throws UpgradeRefused {
        if (!manifest.compatible().equals(systemCompatible)) {
            throw new UpgradeRefused(Check.COMPATIBLE, "the bundle is for '" + manifest.compatible()
                    + "', this system is '" + systemCompatible + "'");
        }
        DebianVersion incoming;
        try {
            incoming = DebianVersion.parse(manifest.version());
        } catch (IllegalArgumentException e) {
            throw new UpgradeRefused(Check.FORMAT, "the bundle's version: " + e.getMessage());
        }
        if (force) {
            return;
        }
        DebianVersion current;
        try {
            current = DebianVersion.parse(running);
        } catch (IllegalArgumentException e) {
            throw new UpgradeRefused(Check.OLDER, "the running version '" + running + "' cannot be compared with "
                    + manifest.version() + " (force to install)");
        }
        if (incoming.compareTo(current) < 0) {
            throw new UpgradeRefused(Check.OLDER, "the bundle's version " + manifest.version()
                    + " is older than the running " + running + " (force to downgrade)");
        }
    }

    /**
     * True if installing {@code manifest} goes back from {@code running} (or the two cannot be compared): a forced
     * install then writes the force-downgrade file for RAUC's pre-install handler.
     */
    public static boolean isDowngrade(Manifest manifest, String running) {
        try {
            return DebianVersion.parse(manifest.version()).compareTo(DebianVersion.parse(running)) < 0;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static ByteBuffer read(FileChannel file, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the bundle ends early");
            }
        }
        return buffer.flip();
    }
}
