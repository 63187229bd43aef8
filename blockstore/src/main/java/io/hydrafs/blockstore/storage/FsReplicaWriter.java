package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes one replica being written: data at its offset in the block file, checksums at the
 * matching place in the checksum file, then publishes the new length to readers.
 *
 * <p>Locking: I/O happens under this writer's monitor only, so the store can {@link #stop} it from
 * another thread (reopen, recovery, delete, volume failure): stop waits for a write in flight,
 * closes the files, and every later call fails with the code given to stop. The store's lock is
 * never taken while holding this monitor (the store takes the two in the order store, writer).
 */
final class FsReplicaWriter implements ReplicaWriter {
    private final FsReplicaStore store;
    private final StoredReplica replica;
    private final long generationStamp;
    private final boolean syncOnFinalize;
    private FileChannel blockChannel;
    private FileChannel checksumChannel;
    private long bytesOnDisk;
    private HydraException stoppedBy;

    FsReplicaWriter(FsReplicaStore store, StoredReplica replica, FileChannel blockChannel,
                    FileChannel checksumChannel, boolean syncOnFinalize) {
        this.store = store;
        this.replica = replica;
        this.generationStamp = replica.generationStamp;
        this.blockChannel = blockChannel;
        this.checksumChannel = checksumChannel;
        this.bytesOnDisk = replica.visible.bytes();
        this.syncOnFinalize = syncOnFinalize;
    }

    StoredReplica replica() {
        return replica;
    }

    @Override
    public long blockId() {
        return replica.blockId;
    }

    @Override
    public long generationStamp() {
        return generationStamp;
    }

    @Override
    public synchronized long bytesOnDisk() {
        return bytesOnDisk;
    }

    @Override
    public void write(long offsetInBlock, ByteBuffer data, ByteBuffer checksums) throws HydraException {
        int length = data.remaining();
        if (checksums.remaining() != DataChecksums.chunks(length) * DataChecksums.CHECKSUM_BYTES) {
            throw invalid(checksums.remaining() + " checksum bytes for " + length + " data bytes");
        }
        IOException failure;
        synchronized (this) {
            ensureWritable();
            if (offsetInBlock < 0 || offsetInBlock % DataChecksums.BYTES_PER_CHUNK != 0 || offsetInBlock > bytesOnDisk) {
                throw invalid("offset " + offsetInBlock + " is not a chunk boundary within the "
                        + bytesOnDisk + " bytes on disk");
            }
            long end = offsetInBlock + length;
            if (end < bytesOnDisk && end % DataChecksums.BYTES_PER_CHUNK != 0) {
                // the stored checksum of that chunk would cover the old, longer chunk
                throw invalid("a rewrite ending at " + end + " would cut the chunk there short of "
                        + bytesOnDisk + " bytes on disk");
            }
            try {
                ChecksumFile.writeFully(blockChannel, data.duplicate(), offsetInBlock);
                ChecksumFile.writeFully(checksumChannel, checksums.duplicate(), ChecksumFile.position(offsetInBlock));
                if (end >= bytesOnDisk) {
                    bytesOnDisk = end;
                    replica.visible = end % DataChecksums.BYTES_PER_CHUNK == 0 ? StoredReplica.Visible.of(end)
                            : new StoredReplica.Visible(end, true, checksums.getInt(checksums.limit() - 4));
                }
                return;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw store.ioFailure(replica.volume, failure, "writing block " + Long.toUnsignedString(blockId()));
    }

    @Override
    public void sync() throws HydraException {
        IOException failure;
        synchronized (this) {
            ensureWritable();
            try {
                forceBoth();
                return;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw store.ioFailure(replica.volume, failure, "syncing block " + Long.toUnsignedString(blockId()));
    }

    @Override
    public ReplicaInfo finalizeReplica() throws HydraException {
        IOException failure = null;
        synchronized (this) {
            ensureWritable();
            if (syncOnFinalize) {
                try {
                    forceBoth();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw store.ioFailure(replica.volume, failure, "syncing block " + Long.toUnsignedString(blockId()));
        }
        return store.finalizeWritten(this);
    }

    @Override
    public void close() {
        stop(new HydraException(ErrorCode.INVALID_ARGUMENT, "the writer of block "
                + Long.toUnsignedString(blockId()) + " was closed"));
    }

    /** Ends this writer: waits for a call in flight, closes the files; later calls fail with {@code reason}. Idempotent. */
    synchronized void stop(HydraException reason) {
        if (stoppedBy != null) {
            return;
        }
        stoppedBy = reason;
        closeQuietly(blockChannel);
        closeQuietly(checksumChannel);
        blockChannel = null;
        checksumChannel = null;
    }

    synchronized boolean stopped() {
        return stoppedBy != null;
    }

    /** Thrown to the owner when it uses this writer after it was stopped. */
    synchronized HydraException stoppedError() {
        return new HydraException(stoppedBy.code(), stoppedBy.detail());
    }

    private void ensureWritable() throws HydraException {
        if (stoppedBy != null) {
            throw stoppedError();
        }
    }

    private void forceBoth() throws IOException {
        blockChannel.force(false);
        checksumChannel.force(false);
    }

    private HydraException invalid(String what) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, "block " + Long.toUnsignedString(blockId()) + ": " + what);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more can be lost: the bytes already are in the page cache or the volume failed
        }
    }
}
