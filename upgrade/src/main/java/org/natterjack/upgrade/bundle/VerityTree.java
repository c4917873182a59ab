package org.natterjack.upgrade.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The dm-verity hash tree RAUC appends to a verity bundle's payload, recomputed in Java
 * ({@code rauc@v1.8:src/verity_hash.c}, after cryptsetup): format version 1, SHA-256, 4096-byte data and hash
 * blocks, each digest {@code SHA-256(salt ‖ block)}, 128 digests per hash block, the rest of a hash block zero.
 * Level 0 hashes the data blocks, level i+1 the blocks of level i, up to a level of one block, whose digest is
 * the root hash. On disk the levels follow the data top level first (hash_levels: the highest level has the
 * lowest position), so the whole tree is {@code verity-size} bytes right after the payload.
 */
public final class VerityTree {

    public static final int BLOCK = 4096;
    private static final int DIGEST = 32;
    private static final int PER_BLOCK = BLOCK / DIGEST;

    private final byte[] rootHash;
    /** The tree as RAUC lays it out after the data: top level first. */
    private final List<byte[]> levelsTopFirst;

    private VerityTree(byte[] rootHash, List<byte[]> levelsTopFirst) {
        this.rootHash = rootHash;
        this.levelsTopFirst = levelsTopFirst;
    }

    /**
     * Hashes {@code dataBlocks} blocks of {@code file} from offset 0 (the bundle's squashfs), reading it once.
     * A 300 MB payload needs 2.3 MB for level 0.
     */
    public static VerityTree compute(FileChannel file, long dataBlocks, byte[] salt) throws IOException {
        if (dataBlocks < 2) {
            throw new IOException("a verity payload must be larger than one block");
        }
        MessageDigest sha = sha256();
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        byte[] level = new byte[(int) (blocksFor(dataBlocks) * BLOCK)];
        for (long i = 0; i < dataBlocks; i++) {
            block.clear();
            while (block.hasRemaining()) {
                if (file.read(block, i * BLOCK + block.position()) < 0) {
                    throw new IOException("the payload ends before block " + i);
                }
            }
            System.arraycopy(digest(sha, salt, block.array(), 0), 0, level, (int) (i * DIGEST), DIGEST);
        }
        List<byte[]> levels = new ArrayList<>();
        levels.add(level);
        while (level.length > BLOCK) {
            int blocks = level.length / BLOCK;
            byte[] next = new byte[(int) (blocksFor(blocks) * BLOCK)];
            for (int b = 0; b < blocks; b++) {
                System.arraycopy(digest(sha, salt, level, b * BLOCK), 0, next, b * DIGEST, DIGEST);
            }
            levels.add(next);
            level = next;
        }
        byte[] root = digest(sha, salt, level, 0);
        List<byte[]> topFirst = new ArrayList<>(levels);
        Collections.reverse(topFirst);
        return new VerityTree(root, List.copyOf(topFirst));
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The tree's size on disk: {@code verity-size} in the manifest. */
    public long size() {
        return levelsTopFirst.stream().mapToLong(l -> l.length).sum();
    }

    /** True if the {@link #size()} bytes of {@code file} at {@code offset} are exactly this tree. */
    public boolean matches(FileChannel file, long offset) throws IOException {
        long at = offset;
        for (byte[] level : levelsTopFirst) {
            ByteBuffer onDisk = ByteBuffer.allocate(level.length);
            while (onDisk.hasRemaining()) {
                if (file.read(onDisk, at + onDisk.position()) < 0) {
                    return false;
                }
            }
            if (!Arrays.equals(onDisk.array(), level)) {
                return false;
            }
            at += level.length;
        }
        return true;
    }

    private static long blocksFor(long digests) {
        return (digests + PER_BLOCK - 1) / PER_BLOCK;
    }

    private static byte[] digest(MessageDigest sha, byte[] salt, byte[] data, int offset) {
        sha.update(salt);
        sha.update(data, offset, BLOCK);
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
