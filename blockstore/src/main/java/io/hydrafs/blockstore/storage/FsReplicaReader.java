package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a replica as it was when opened: its length, and for a replica being written the
 * checksum of its partial last chunk, are a snapshot (see {@link StoredReplica.Visible}). The
 * files stay readable when the replica is finalized or deleted meanwhile (open files survive a
 * rename or unlink); a reopen that truncates the replica below the snapshot makes reads past the
 * new end fail with IO_ERROR.
 */
final class FsReplicaReader implements ReplicaReader {
    private final FsReplicaStore store;
    private final StoredReplica replica;
    private final FileChannel blockChannel;
    private final FileChannel checksumChannel;
    private final StoredReplica.Visible visible;

    FsReplicaReader(FsReplicaStore store, StoredReplica replica, FileChannel blockChannel,
                    FileChannel checksumChannel, StoredReplica.Visible visible) {
        this.store = store;
        this.replica = replica;
        this.blockChannel = blockChannel;
        this.checksumChannel = checksumChannel;
        this.visible = visible;
    }

    @Override
    public long length() {
        return visible.bytes();
    }

    @Override
    public FileChannel blockChannel() {
        return blockChannel;
    }

    @Override
    public void readData(long offset, ByteBuffer into) throws HydraException {
        checkRange(offset, into.remaining());
        try {
            ChecksumFile.readFully(blockChannel, into, offset);
        } catch (EOFException e) {
            throw new HydraException(ErrorCode.IO_ERROR, name() + " was truncated while being read");
        } catch (IOException e) {
            throw store.ioFailure(replica.volume, e, "reading " + name());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The range must end on a chunk boundary or at {@link #length()}. Checksums missing from a
     * short checksum file are CHECKSUM_MISMATCH: the replica is corrupt.
     */
    @Override
    public ByteBuffer readChecksums(long chunkOffset, int dataBytes) throws HydraException {
        if (chunkOffset % DataChecksums.BYTES_PER_CHUNK != 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, name() + ": checksum offset " + chunkOffset
                    + " is not a chunk boundary");
        }
        checkRange(chunkOffset, dataBytes);
        ByteBuffer sums = ByteBuffer.allocate(DataChecksums.chunks(dataBytes) * DataChecksums.CHECKSUM_BYTES);
        try {
            ChecksumFile.readFully(checksumChannel, sums, ChecksumFile.position(chunkOffset));
        } catch (EOFException e) {
            throw new HydraException(ErrorCode.CHECKSUM_MISMATCH, name() + ": checksums missing for the chunks at "
                    + chunkOffset + ".." + (chunkOffset + dataBytes));
        } catch (IOException e) {
            throw store.ioFailure(replica.volume, e, "reading the checksums of " + name());
        }
        sums.flip();
        if (visible.lastChunkInMemory() && dataBytes > 0 && chunkOffset + dataBytes == visible.bytes()) {
            sums.putInt(sums.limit() - DataChecksums.CHECKSUM_BYTES, visible.lastChunkChecksum());
        }
        return sums;
    }

    @Override
    public void close() {
        closeQuietly(blockChannel);
        closeQuietly(checksumChannel);
    }

    private void checkRange(long offset, int bytes) throws HydraException {
        if (offset < 0 || bytes < 0 || offset + bytes > visible.bytes()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, name() + ": range " + offset + "+" + bytes
                    + " is outside its " + visible.bytes() + " bytes");
        }
    }

    private String name() {
        return "block " + Long.toUnsignedString(replica.blockId);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
