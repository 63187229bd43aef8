package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.HydraException;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An open replica for reading. Thread-confined; close it when done.
 */
public interface ReplicaReader extends AutoCloseable {
    /** Bytes readable now: the final length, or the bytes on disk of a replica being written. */
    long length();

    /** The block file, for zero-copy transfers (FileRegion); position-independent use only. */
    FileChannel blockChannel();

    /** Reads {@code into.remaining()} bytes of block data starting at {@code offset}. */
    void readData(long offset, ByteBuffer into) throws HydraException;

    /** The stored checksums of the chunks covering [chunkOffset, chunkOffset + dataBytes); chunkOffset % 512 == 0. */
    ByteBuffer readChecksums(long chunkOffset, int dataBytes) throws HydraException;

    @Override
    void close();
}
