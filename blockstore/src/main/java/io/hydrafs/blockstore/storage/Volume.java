package io.hydrafs.blockstore.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One data directory. Layout:
 * <pre>
 *   dir/blockstore.id                          the blockstore's id (same in every volume)
 *   dir/being-written/blk_ID, blk_ID_STAMP.crc replicas being written (few: one per open pipeline)
 *   dir/finalized/dNN/dNN/blk_ID, ...crc       complete replicas, spread over 32x32 subdirectories
 *                                              by block id so that no directory gets huge
 *   dir/tmp/                                   scratch files, emptied at every start
 * </pre>
 * A volume fails once (an I/O error its {@link #check()} confirms, or a directory that cannot be
 * created at start) and stays failed until the process restarts: the store takes it out of use.
 */
final class Volume {
    private static final Logger LOG = LoggerFactory.getLogger(Volume.class);

    private final Path dir;
    private final long reservedBytes;
    private volatile FileStore fileStore;
    private volatile String failure;

    private Volume(Path dir, long reservedBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.reservedBytes = reservedBytes;
    }

    /** Creates the layout if needed; a directory that cannot be used gives a failed volume, not an error. */
    static Volume open(Path dir, long reservedBytes) {
        Volume v = new Volume(dir, reservedBytes);
        try {
            Files.createDirectories(v.beingWrittenDir());
            Files.createDirectories(v.finalizedRoot());
            Files.createDirectories(v.tmpDir());
            v.fileStore = Files.getFileStore(v.dir);
        } catch (IOException | RuntimeException e) {
            v.markFailed("cannot set up " + v.dir + ": " + e);
        }
        return v;
    }

    Path dir() {
        return dir;
    }

    Path beingWrittenDir() {
        return dir.resolve("being-written");
    }

    Path finalizedRoot() {
        return dir.resolve("finalized");
    }

    Path tmpDir() {
        return dir.resolve("tmp");
    }

    /** Where a replica's files live in the given area. */
    Path replicaDir(long blockId, boolean finalized) {
        if (!finalized) {
            return beingWrittenDir();
        }
        return finalizedRoot().resolve(String.format("d%02d", (blockId >>> 10) & 31))
                .resolve(String.format("d%02d", (blockId >>> 5) & 31));
    }

    boolean failed() {
        return failure != null;
    }

    String failure() {
        return failure;
    }

    void markFailed(String reason) {
        if (failure == null) {
            failure = reason;
            LOG.error("Volume {} failed and is taken out of use: {}", dir, reason);
        }
    }

    long reservedBytes() {
        return reservedBytes;
    }

    /** Bytes of the disk usable by replicas: total minus the reserve. 0 once failed. */
    long capacityBytes() {
        FileStore fs = fileStore;
        if (failed() || fs == null) {
            return 0;
        }
        try {
            return Math.max(0, fs.getTotalSpace() - reservedBytes);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Free bytes above the reserve. 0 once failed. */
    long freeBytes() {
        FileStore fs = fileStore;
        if (failed() || fs == null) {
            return 0;
        }
        try {
            return Math.max(0, fs.getUsableSpace() - reservedBytes);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether the volume still works: its directories exist and a file can be created in it. Run
     * after an I/O error, to tell a failed disk from a problem with one file.
     */
    boolean check() {
        if (failed()) {
            return false;
        }
        if (!Files.isDirectory(beingWrittenDir()) || !Files.isDirectory(finalizedRoot())
                || !Files.isDirectory(tmpDir())) {
            return false;
        }
        try {
            Path probe = Files.createTempFile(tmpDir(), "check", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
