package io.hydrafs.blockstore.scanner;

import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Verifies every chunk of one replica against its stored checksums, through the
 * {@link ReplicaReader} (so it knows nothing of file formats). Reads a packet's worth at a time,
 * paced by a {@link ScanPacer}.
 */
public final class ReplicaVerifier {
    private static final int BATCH_BYTES = DataChecksums.PACKET_DATA_BYTES;

    /** The outcome: ok, or the offset of the first chunk whose checksum does not match. */
    public record Result(boolean ok, long badChunkOffset, long bytesVerified) {
        static Result good(long bytes) {
            return new Result(true, -1, bytes);
        }

        static Result badAt(long offset) {
            return new Result(false, offset, offset);
        }
    }

    private final ScanPacer pacer;

    public ReplicaVerifier(ScanPacer pacer) {
        this.pacer = pacer;
    }

    /**
     * @throws HydraException when the replica cannot be read (not corruption: e.g. it changed or its
     *                        volume failed meanwhile); a missing checksum counts as a bad chunk
     */
    public Result verify(ReplicaReader reader) throws HydraException, InterruptedException {
        long length = reader.length();
        ByteBuffer data = ByteBuffer.allocate(BATCH_BYTES);
        CRC32C crc = new CRC32C();
        long offset = 0;
        while (offset < length) {
            int n = (int) Math.min(BATCH_BYTES, length - offset);
            data.clear().limit(n);
            reader.readData(offset, data);
            data.flip();
            ByteBuffer sums;
            try {
                sums = reader.readChecksums(offset, n);
            } catch (HydraException e) {
                if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                    return Result.badAt(offset);
                }
                throw e;
            }
            while (data.hasRemaining()) {
                int chunk = Math.min(DataChecksums.BYTES_PER_CHUNK, data.remaining());
                crc.reset();
                crc.update(data.slice(data.position(), chunk));
                if ((int) crc.getValue() != sums.getInt()) {
                    return Result.badAt(offset);
                }
                data.position(data.position() + chunk);
                offset += chunk;
            }
            pacer.pace(n);
        }
        return Result.good(length);
    }
}
