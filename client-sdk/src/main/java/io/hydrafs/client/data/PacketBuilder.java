package io.hydrafs.client.data;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.Invariants;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts the bytes of one block into packets (pure logic, no I/O). Invariants, from data.proto:
 * every packet starts on a 512-byte chunk boundary of the block and holds at most 64 KiB; its
 * checksums cover its chunks, the last one possibly partial. After a packet that ends inside a
 * chunk (an hflush), the builder keeps that partial chunk: the next packet starts at the chunk's
 * boundary and carries it again, whole, with the new bytes (the blockstore rewrites the overlap).
 *
 * <p>Seqnos count 0, 1, 2, ... per block; the block ends with an empty {@code last} packet.
 */
final class PacketBuilder {
    private static final int CHUNK = DataChecksums.BYTES_PER_CHUNK;

    private final long blockSize;
    private final byte[] buffer = new byte[DataChecksums.PACKET_DATA_BYTES];
    private long packetStart;  // block offset of buffer[0], a chunk boundary
    private int filled;        // bytes in buffer
    private int sentPrefix;    // leading bytes of buffer that an earlier packet (or the replica) already holds
    private long nextSeqno;

    /** A builder for a new, empty block. */
    PacketBuilder(long blockSize) {
        this(blockSize, 0, new byte[0]);
    }

    /**
     * A builder continuing a block (append) of {@code bytesInBlock} bytes whose last, partial
     * chunk is {@code partialChunk} (empty when the block ends on a chunk boundary).
     */
    PacketBuilder(long blockSize, long bytesInBlock, byte[] partialChunk) {
        Invariants.check(blockSize > 0 && blockSize % CHUNK == 0, "block size %d is not a positive multiple of %d",
                blockSize, CHUNK);
        Invariants.check(partialChunk.length == bytesInBlock % CHUNK, "partial chunk of %d bytes for a block of %d",
                partialChunk.length, bytesInBlock);
        Invariants.check(bytesInBlock <= blockSize, "block of %d bytes exceeds the block size %d", bytesInBlock, blockSize);
        this.blockSize = blockSize;
        this.packetStart = bytesInBlock - partialChunk.length;
        System.arraycopy(partialChunk, 0, buffer, 0, partialChunk.length);
        this.filled = partialChunk.length;
        this.sentPrefix = partialChunk.length;
    }

    /** Copies as many of the bytes as fit in the current packet and block; returns how many. */
    int write(byte[] b, int off, int len) {
        long blockRoom = blockSize - bytesInBlock();
        int n = (int) Math.min(len, Math.min(buffer.length - filled, blockRoom));
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        return n;
    }

    /** Bytes of the block written so far (sent or not). */
    long bytesInBlock() {
        return packetStart + filled;
    }

    boolean blockFull() {
        return bytesInBlock() == blockSize;
    }

    /** The current packet cannot take another byte: send it. */
    boolean packetFull() {
        return filled == buffer.length || blockFull();
    }

    /** Bytes written that no packet carried yet. */
    boolean hasUnsent() {
        return filled > sentPrefix;
    }

    /** The seqno the next packet will get. */
    long nextSeqno() {
        return nextSeqno;
    }

    /** The packet of everything buffered; {@code sync}: every blockstore forces it to disk before acking. */
    WritePacket take(boolean sync) {
        Invariants.check(hasUnsent(), "a data packet needs unsent bytes");
        byte[] data = Arrays.copyOf(buffer, filled);
        WritePacket packet = new WritePacket(nextSeqno++, packetStart, data,
                DataChecksums.compute(ByteBuffer.wrap(data)), false, sync);
        int partial = filled % CHUNK;
        if (partial != 0 && !blockFull()) {
            // the next packet starts at this chunk's boundary and resends it whole
            System.arraycopy(buffer, filled - partial, buffer, 0, partial);
            packetStart += filled - partial;
            filled = partial;
            sentPrefix = partial;
        } else {
            packetStart += filled;
            filled = 0;
            sentPrefix = 0;
        }
        return packet;
    }

    /** The empty packet ending the block; every byte must have been sent. Its offset is the block's length. */
    WritePacket lastPacket() {
        Invariants.check(!hasUnsent(), "the last packet follows every data packet");
        return new WritePacket(nextSeqno++, bytesInBlock(), new byte[0], new byte[0], true, false);
    }
}
