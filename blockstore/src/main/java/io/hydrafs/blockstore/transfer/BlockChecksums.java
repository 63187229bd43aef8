package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.protocol.data.BlockChecksumRequest;
import io.hydrafs.protocol.data.BlockChecksumResponse;
import io.hydrafs.protocol.data.Crc32cComposition;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC32C of a replica's first N bytes, for file checksums: the stored checksums of its
 * whole chunks composed ({@link Crc32cComposition}), and a partial last chunk checksummed from
 * the data, since its stored checksum may cover bytes beyond N (a file still being written).
 * Reads at most one chunk of data, so a checksum costs the checksum file, not the block. Trusts
 * the stored checksums, as reads do: the block scanner is what finds replicas that disagree.
 * Plain logic over the {@link ReplicaStore}; run on a disk thread.
 */
final class BlockChecksums {
    /** Checksums read per step: those of one packet's worth of data, 2 KiB. */
    private static final int STEP_BYTES = DataChecksums.PACKET_DATA_BYTES;

    private BlockChecksums() {
    }

    static BlockChecksumResponse of(ReplicaStore store, BlockChecksumRequest request) throws HydraException {
        if (!request.hasBlock()) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "block checksum request without a block");
        }
        BlockProto block = request.getBlock();
        long length = block.getNumBytes();
        try (ReplicaReader replica = store.openReplica(block.getBlockId(), block.getGenerationStamp())) {
            if (length > replica.length()) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "checksum of " + length + " bytes of block "
                        + block.getBlockId() + " asked, its replica here holds " + replica.length());
            }
            long wholeChunks = length - length % DataChecksums.BYTES_PER_CHUNK;
            int crc = Crc32cComposition.EMPTY;
            for (long offset = 0; offset < wholeChunks; offset += STEP_BYTES) {
                int bytes = (int) Math.min(STEP_BYTES, wholeChunks - offset);
                ByteBuffer sums = replica.readChecksums(offset, bytes);
                while (sums.hasRemaining()) {
                    crc = Crc32cComposition.concat(crc, sums.getInt(), DataChecksums.BYTES_PER_CHUNK);
                }
            }
            int tail = (int) (length - wholeChunks);
            if (tail > 0) {
                ByteBuffer data = ByteBuffer.allocate(tail);
                replica.readData(wholeChunks, data);
                data.flip();
                CRC32C tailCrc = new CRC32C();
                tailCrc.update(data);
                crc = Crc32cComposition.concat(crc, (int) tailCrc.getValue(), tail);
            }
            return BlockChecksumResponse.newBuilder().setCrc32C(crc).setLength(length).build();
        }
    }
}
