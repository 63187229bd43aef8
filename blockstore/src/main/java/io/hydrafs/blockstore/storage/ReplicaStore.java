package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.List;
import java.util.Optional;

/**
 * The replicas of one blockstore, on one or more data directories (volumes). Each replica is a
 * block file and a checksum file (CRC32C per 512-byte chunk, see DataChecksums), first in a
 * volume's "being written" area, moved to its "finalized" area when complete. A store is
 * rebuilt from its directories at start: finalized replicas are trusted as they are, replicas
 * being written keep the longest prefix whose checksums match, and stray temporary files are
 * dropped.
 *
 * <p>At most one replica per block id exists on a blockstore. All methods are thread-safe; a
 * replica has at most one writer at a time (a new writer of the same block, e.g. pipeline
 * recovery, first stops the old one: its next call fails with STALE_GENERATION_STAMP).
 *
 * <p>Errors are {@link HydraException}s: REPLICA_NOT_FOUND, REPLICA_ALREADY_EXISTS,
 * STALE_GENERATION_STAMP, DISK_FULL, DISK_FAILED (the volume is taken out of use and the store
 * goes on with the others), CHECKSUM_MISMATCH, INVALID_ARGUMENT.
 */
public interface ReplicaStore extends AutoCloseable {

    /**
     * A new replica being written, on the volume the store picks (most free space first, skipping
     * full and failed ones). Fails with REPLICA_ALREADY_EXISTS if any replica of the block id exists.
     */
    ReplicaWriter createReplica(BlockProto block) throws HydraException;

    /**
     * Reopens the replica of {@code blockId} for writing under {@code newGenerationStamp} (pipeline
     * recovery or append). The replica must have stamp {@code oldGenerationStamp} (else
     * STALE_GENERATION_STAMP) and at least {@code keepBytes} bytes (else INVALID_ARGUMENT); it is
     * truncated to {@code keepBytes} (bytes beyond were never acknowledged), moved back to "being
     * written" if it was finalized, and its stamp changed, all before this returns.
     */
    ReplicaWriter reopenReplica(long blockId, long oldGenerationStamp, long newGenerationStamp, long keepBytes)
            throws HydraException;

    /**
     * Opens a replica for reading. The stamp must match the replica's (else
     * STALE_GENERATION_STAMP); a replica being written can be read up to its bytes on disk.
     */
    ReplicaReader openReplica(long blockId, long generationStamp) throws HydraException;

    /** The replica of a block id, if this store holds one. */
    Optional<ReplicaInfo> replica(long blockId);

    /** Every replica, for full block reports. */
    List<ReplicaInfo> replicas();

    /**
     * Lease recovery's first step, in one operation so that no packet lands between the replica's
     * length being read and its writer being stopped. The replica's stamp must lie between
     * {@code oldestGenerationStamp} and {@code recoveryGenerationStamp} (else STALE_GENERATION_STAMP).
     * A replica being written under an older stamp than the recovery's loses its writer and is
     * moved to the recovery stamp with every byte its writer stored; finalized replicas and ones
     * already under the recovery stamp (a retried init) are left as they are. Returns the replica
     * as it was once its writer had stopped: its old stamp and its final length.
     */
    ReplicaInfo initRecovery(long blockId, long oldestGenerationStamp, long recoveryGenerationStamp)
            throws HydraException;

    /**
     * Lease recovery: stops any writer of the replica, truncates it to {@code length} bytes,
     * changes its stamp to {@code newGenerationStamp} and finalizes it.
     */
    ReplicaInfo recoverReplica(long blockId, long newGenerationStamp, long length) throws HydraException;

    /**
     * Deletes the replica of {@code block.block_id} if its stamp is <= {@code block.generation_stamp}
     * (a newer replica is kept). Stops its writer, if any. Returns whether a replica was removed.
     */
    boolean deleteReplica(BlockProto block) throws HydraException;

    /**
     * Marks a replica corrupt (the scanner or a reader found a bad chunk): it is reported as such
     * by callers and deleted when the leader orders it. Unknown ids are ignored.
     */
    void markCorrupt(long blockId);

    /** Capacity, usage and volume health for heartbeats. */
    StorageSummary summary();

    /** Registers a listener of replica changes (incremental block reports). */
    void addListener(ReplicaListener listener);
}
