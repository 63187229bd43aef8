package io.hydrafs.protocol.data;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The checksums of block data: a CRC32C (JDK, hardware-accelerated) per 512-byte chunk, the
 * last chunk of a range possibly shorter, stored as 4 bytes big-endian each.
 */
public final class DataChecksums {
    public static final int BYTES_PER_CHUNK = 512;
    public static final int CHECKSUM_BYTES = 4;
    /** Data bytes in a full packet: 512 chunks. */
    public static final int PACKET_DATA_BYTES = 256 * 1024;

    private DataChecksums() {
    }

    /** Number of chunks (and checksums) covering {@code dataBytes} bytes. */
    public static int chunks(long dataBytes) {
        return Math.toIntExact((dataBytes + BYTES_PER_CHUNK - 1) / BYTES_PER_CHUNK);
    }

    /** Checksums of {@code data}'s remaining bytes, which start at a chunk boundary. Does not move data's position. */
    public static byte[] compute(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        byte[] out = new byte[chunks(d.remaining()) * CHECKSUM_BYTES];
        ByteBuffer sums = ByteBuffer.wrap(out);
        CRC32C crc = new CRC32C();
        while (d.hasRemaining()) {
            int n = Math.min(BYTES_PER_CHUNK, d.remaining());
            ByteBuffer chunk = d.slice(d.position(), n);
            crc.reset();
            crc.update(chunk);
            sums.putInt((int) crc.getValue());
            d.position(d.position() + n);
        }
        return out;
    }

    /**
     * Verifies {@code data}'s remaining bytes (starting at block offset {@code offsetInBlock}, a
     * chunk boundary) against {@code checksums}. Does not move data's position.
     *
     * @throws HydraException CHECKSUM_MISMATCH naming the first bad chunk's offset, or
     *                        MALFORMED_REQUEST when the number of checksums does not fit the data
     */
    public static void verify(ByteBuffer data, ByteBuffer checksums, long offsetInBlock, String what)
            throws HydraException {
        ByteBuffer d = data.duplicate();
        ByteBuffer s = checksums.duplicate();
        if (s.remaining() != chunks(d.remaining()) * CHECKSUM_BYTES) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, what + ": " + s.remaining()
                    + " checksum bytes for " + d.remaining() + " data bytes");
        }
        CRC32C crc = new CRC32C();
        long offset = offsetInBlock;
        while (d.hasRemaining()) {
            int n = Math.min(BYTES_PER_CHUNK, d.remaining());
            crc.reset();
            crc.update(d.slice(d.position(), n));
            int expected = s.getInt();
            if ((int) crc.getValue() != expected) {
                throw new HydraException(ErrorCode.CHECKSUM_MISMATCH, what + ": chunk at offset " + offset
                        + " does not match its checksum");
            }
            d.position(d.position() + n);
            offset += n;
        }
    }
}
