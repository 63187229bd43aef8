package io.hydrafs.blockstore.storage;

import java.nio.file.Path;

/**
 * The store's record of one replica. Lifecycle: being written -> finalized (finalize, recovery)
 * -> being written again (reopen for append or pipeline recovery) ... -> deleted (delete order or
 * volume failure; the record leaves the map and is never reused).
 *
 * <p>Every field but {@link #visible} is guarded by the store's lock. {@code visible} is written
 * by the replica's one writer after each packet reached both files, and read without the lock
 * by readers opening the replica: it pairs the readable length with the checksum of a partial last
 * chunk, because that checksum is rewritten in place as the chunk grows (hflush) and a reader must
 * not pair old data with a newer checksum from the file.
 */
final class StoredReplica {
    /** Readable bytes, and the checksum of the partial last chunk when it is held in memory. */
    record Visible(long bytes, boolean lastChunkInMemory, int lastChunkChecksum) {
        static Visible of(long bytes) {
            return new Visible(bytes, false, 0);
        }
    }

    final long blockId;
    final Volume volume;
    long generationStamp;
    boolean finalized;
    boolean corrupt;
    /** The current writer, null when none; a stopped writer may linger here harmlessly. */
    FsReplicaWriter writer;
    volatile Visible visible;

    StoredReplica(long blockId, Volume volume, long generationStamp, long bytes, boolean finalized) {
        this.blockId = blockId;
        this.volume = volume;
        this.generationStamp = generationStamp;
        this.finalized = finalized;
        this.visible = Visible.of(bytes);
    }

    Path blockFile() {
        return ReplicaFiles.blockFile(volume.replicaDir(blockId, finalized), blockId);
    }

    Path checksumFile() {
        return ReplicaFiles.checksumFile(volume.replicaDir(blockId, finalized), blockId, generationStamp);
    }

    ReplicaInfo info() {
        return new ReplicaInfo(blockId, generationStamp, visible.bytes(), finalized, corrupt);
    }
}
