package io.hydrafs.client.data;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * Offset arithmetic of block reads (pure). A blockstore answers from the chunk boundary at or
 * below the wanted offset and may send whole chunks past the wanted end (checksums cover whole
 * chunks), so a reader skips bytes at the front and ignores bytes past its end.
 */
final class ReadPositions {
    private ReadPositions() {
    }

    /** The chunk boundary at or below {@code offset}: where a read of it starts on the wire. */
    static long chunkStart(long offset) {
        return offset - offset % DataChecksums.BYTES_PER_CHUNK;
    }

    /** Bytes a read starting at {@code offset} skips at the front of its first packet. */
    static int skipBytes(long offset) {
        return (int) (offset % DataChecksums.BYTES_PER_CHUNK);
    }

    /**
     * The part of a packet that is new to a reader at {@code position} reading up to {@code end}:
     * {@code [from, to)} indexes into the packet's data (empty when it holds nothing new).
     *
     * @throws HydraException MALFORMED_REQUEST when the packet starts past {@code position} (a gap)
     */
    static int[] usable(long packetOffset, int packetLength, long position, long end) throws HydraException {
        if (packetOffset > position) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "packet at offset " + packetOffset
                    + " leaves a gap after offset " + position);
        }
        long from = Math.min(position - packetOffset, packetLength);
        long to = Math.max(from, Math.min(packetLength, end - packetOffset));
        return new int[] {(int) from, (int) to};
    }
}
