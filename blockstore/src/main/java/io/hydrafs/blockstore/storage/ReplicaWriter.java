package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.HydraException;

import java.nio.ByteBuffer;

/**
 * The one writer of a replica being written. Not thread-safe: one pipeline thread drives it.
 */
public interface ReplicaWriter extends AutoCloseable {
    long blockId();

    long generationStamp();

    /** Bytes written so far (the next packet may start at any chunk boundary at or below this). */
    long bytesOnDisk();

    /**
     * Writes one packet's data at {@code offsetInBlock} (a multiple of 512, at most
     * {@link #bytesOnDisk()}; an overlap rewrites those bytes) with its checksums (4 bytes per chunk,
     * the last chunk possibly partial). The caller has verified the checksums. Data is in the OS
     * page cache when this returns, not necessarily on disk.
     */
    void write(long offsetInBlock, ByteBuffer data, ByteBuffer checksums) throws HydraException;

    /** Forces written bytes and checksums to disk (hsync, or before finalizing when configured). */
    void sync() throws HydraException;

    /** Completes the replica: it moves to the finalized area with its current length. */
    ReplicaInfo finalizeReplica() throws HydraException;

    /**
     * Stops writing without finalizing: the replica stays "being written" with what it has (it
     * may be recovered or deleted later). Idempotent; also what close() does if not finalized.
     */
    @Override
    void close();
}
