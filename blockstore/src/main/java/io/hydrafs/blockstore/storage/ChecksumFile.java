package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The checksum file of a replica: a 16-byte header (magic "HCRC", version 1, checksum type 1 =
 * CRC32C, bytes per chunk = 512, 4 reserved bytes), then one 4-byte big-endian CRC32C per chunk
 * of the block file, the checksum of chunk {@code k} at {@code HEADER_BYTES + 4k}. The last
 * chunk may be partial; its checksum covers only its bytes. The file never has more checksums
 * than the block file has chunks once a write or a rescan has completed.
 */
final class ChecksumFile {
    static final int MAGIC = 0x48435243;
    static final short VERSION = 1;
    static final short TYPE_CRC32C = 1;
    static final int HEADER_BYTES = 16;
    private static final int VERIFY_BATCH_BYTES = DataChecksums.PACKET_DATA_BYTES;

    private ChecksumFile() {
    }

    static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putInt(MAGIC).putShort(VERSION).putShort(TYPE_CRC32C).putInt(DataChecksums.BYTES_PER_CHUNK).putInt(0);
        h.flip();
        writeFully(channel, h, 0);
    }

    /** Whether the file starts with a header this code understands. */
    static boolean hasValidHeader(FileChannel channel) throws IOException {
        if (channel.size() < HEADER_BYTES) {
            return false;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, h, 0);
        h.flip();
        return h.getInt() == MAGIC && h.getShort() == VERSION && h.getShort() == TYPE_CRC32C
                && h.getInt() == DataChecksums.BYTES_PER_CHUNK;
    }

    /** Position of the checksum of the chunk starting at {@code chunkOffset} (a multiple of 512). */
    static long position(long chunkOffset) {
        return HEADER_BYTES + (chunkOffset / DataChecksums.BYTES_PER_CHUNK) * DataChecksums.CHECKSUM_BYTES;
    }

    /** Length of the checksum file of {@code dataBytes} bytes of block data. */
    static long lengthFor(long dataBytes) {
        return HEADER_BYTES + (long) DataChecksums.chunks(dataBytes) * DataChecksums.CHECKSUM_BYTES;
    }

    /**
     * The longest prefix of the block file whose chunks all match their stored checksums: what a
     * replica being written keeps after a crash (a chunk whose data or checksum write was cut off
     * does not verify, and nothing after it was acknowledged).
     */
    static long verifiedPrefix(FileChannel block, FileChannel checksums) throws IOException {
        long storedChunks = Math.max(0, (checksums.size() - HEADER_BYTES) / DataChecksums.CHECKSUM_BYTES);
        long end = Math.min(block.size(), storedChunks * DataChecksums.BYTES_PER_CHUNK);
        ByteBuffer data = ByteBuffer.allocate(VERIFY_BATCH_BYTES);
        ByteBuffer sums = ByteBuffer.allocate(DataChecksums.chunks(VERIFY_BATCH_BYTES) * DataChecksums.CHECKSUM_BYTES);
        CRC32C crc = new CRC32C();
        long offset = 0;
        while (offset < end) {
            int n = (int) Math.min(VERIFY_BATCH_BYTES, end - offset);
            data.clear().limit(n);
            readFully(block, data, offset);
            data.flip();
            sums.clear().limit(DataChecksums.chunks(n) * DataChecksums.CHECKSUM_BYTES);
            readFully(checksums, sums, position(offset));
            sums.flip();
            while (data.hasRemaining()) {
                int chunk = Math.min(DataChecksums.BYTES_PER_CHUNK, data.remaining());
                crc.reset();
                crc.update(data.slice(data.position(), chunk));
                if ((int) crc.getValue() != sums.getInt()) {
                    return offset;
                }
                data.position(data.position() + chunk);
                offset += chunk;
            }
        }
        return offset;
    }

    /** CRC32C of {@code length} bytes of the block file at {@code offset}: the checksum of a (partial) chunk. */
    static int checksumOf(FileChannel block, long offset, int length) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(length);
        readFully(block, data, offset);
        data.flip();
        CRC32C crc = new CRC32C();
        crc.update(data);
        return (int) crc.getValue();
    }

    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long pos = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, pos);
            if (n < 0) {
                throw new EOFException("end of file at " + pos);
            }
            pos += n;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer from, long position) throws IOException {
        long pos = position;
        while (from.hasRemaining()) {
            pos += channel.write(from, pos);
        }
    }
}
