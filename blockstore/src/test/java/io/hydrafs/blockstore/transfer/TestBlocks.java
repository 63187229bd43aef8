package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteStage;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.List;
import java.util.Random;

/** Block contents and requests for transfer tests. */
final class TestBlocks {
    private TestBlocks() {
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static BlockProto block(long id, long stamp) {
        return BlockProto.newBuilder().setBlockId(id).setGenerationStamp(stamp).build();
    }

    static DataHeader create(BlockProto block, List<BlockstoreLocation> downstream) {
        return DataHeader.newBuilder().setWriteBlock(WriteBlockRequest.newBuilder().setBlock(block)
                .setStage(WriteStage.CREATE).addAllDownstream(downstream).setClientName("test-client")).build();
    }
}
