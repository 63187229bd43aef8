package io.hydrafs.blockstore.storage;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Names of a replica's two files: the block file {@code blk_<id>} and the checksum file
 * {@code blk_<id>_<stamp>.crc}. The stamp is in the checksum file's name (as HDFS) so that a
 * stamp change is one atomic rename, and a rescan learns it without reading the file. Ids and
 * stamps are unsigned 64-bit numbers (uint64 on the wire).
 */
final class ReplicaFiles {
    static final String BLOCK_PREFIX = "blk_";
    static final String CHECKSUM_SUFFIX = ".crc";

    private ReplicaFiles() {
    }

    static Path blockFile(Path dir, long blockId) {
        return dir.resolve(BLOCK_PREFIX + Long.toUnsignedString(blockId));
    }

    static Path checksumFile(Path dir, long blockId, long generationStamp) {
        return dir.resolve(BLOCK_PREFIX + Long.toUnsignedString(blockId) + "_"
                + Long.toUnsignedString(generationStamp) + CHECKSUM_SUFFIX);
    }

    /** The block id of a block file name, empty for any other name. */
    static OptionalLong blockIdOfBlockFile(String name) {
        if (!name.startsWith(BLOCK_PREFIX) || name.endsWith(CHECKSUM_SUFFIX)) {
            return OptionalLong.empty();
        }
        return parse(name.substring(BLOCK_PREFIX.length()));
    }

    /** {id, stamp} of a checksum file name, or null for any other name. */
    static long[] idAndStampOfChecksumFile(String name) {
        if (!name.startsWith(BLOCK_PREFIX) || !name.endsWith(CHECKSUM_SUFFIX)) {
            return null;
        }
        String core = name.substring(BLOCK_PREFIX.length(), name.length() - CHECKSUM_SUFFIX.length());
        int sep = core.indexOf('_');
        if (sep < 0) {
            return null;
        }
        OptionalLong id = parse(core.substring(0, sep));
        OptionalLong stamp = parse(core.substring(sep + 1));
        return id.isPresent() && stamp.isPresent() ? new long[] {id.getAsLong(), stamp.getAsLong()} : null;
    }

    private static OptionalLong parse(String digits) {
        try {
            return OptionalLong.of(Long.parseUnsignedLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
