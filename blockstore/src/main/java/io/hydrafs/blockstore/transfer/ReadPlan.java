package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * Which bytes of a replica a read sends: from the chunk boundary at or below the requested
 * offset to the end of the chunk holding the last requested byte (or the replica's end, if
 * sooner). Whole chunks are sent because the client can only verify a chunk against its stored
 * checksum when it has all of it.
 *
 * @param chunkOffset first byte sent (a multiple of 512)
 * @param end         one past the last byte sent
 */
record ReadPlan(long chunkOffset, long end) {

    /**
     * @param length bytes wanted; 0 = to the end of the replica
     * @throws HydraException END_OF_FILE if the range reaches beyond {@code replicaLength}
     */
    static ReadPlan of(long offset, long length, long replicaLength) throws HydraException {
        if (offset < 0 || length < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "read of " + length + " bytes at " + offset);
        }
        if (offset > replicaLength || (length > 0 && length > replicaLength - offset)) {
            throw new HydraException(ErrorCode.END_OF_FILE, "read of " + (length == 0 ? "the rest" : length + " bytes")
                    + " at offset " + offset + " of a replica of " + replicaLength + " bytes");
        }
        long chunk = DataChecksums.BYTES_PER_CHUNK;
        long chunkOffset = offset - offset % chunk;
        long end = length == 0 ? replicaLength
                : Math.min(replicaLength, ceilToChunk(offset + length, chunk));
        return new ReadPlan(chunkOffset, end);
    }

    private static long ceilToChunk(long x, long chunk) {
        return (x + chunk - 1) / chunk * chunk;
    }

    /** Data bytes of the packet starting at {@code from}: at most one full packet, never past the end. */
    int packetBytes(long from) {
        return (int) Math.min(DataChecksums.PACKET_DATA_BYTES, end - from);
    }
}
