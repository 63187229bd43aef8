package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.meta.BlockProto;

/**
 * A replica as the store knows it: id, stamp, bytes (final length when finalized, bytes on disk
 * while being written), whether it is finalized, and whether it was found corrupt.
 */
public record ReplicaInfo(long blockId, long generationStamp, long numBytes, boolean finalized, boolean corrupt) {

    public BlockProto toBlock() {
        return BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(generationStamp).setNumBytes(numBytes)
                .build();
    }
}
