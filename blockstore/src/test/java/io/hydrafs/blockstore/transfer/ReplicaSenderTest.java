package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.InMemoryReplicaStore;
import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaSenderTest {

    private static ReplicaSender senderOf(TransferTestCluster cluster, InMemoryReplicaStore source) {
        return new ReplicaSender(source, cluster.loops, TransferTestCluster.SETTINGS, "bs-source");
    }

    @Test
    void finalizedReplicaIsCopiedToEveryTargetOfAPipeline() throws Exception {
        // more packets than the ack window, and a partial last chunk
        byte[] data = TestBlocks.bytes(10 * DataChecksums.PACKET_DATA_BYTES + 300, 7);
        BlockProto block = block(21, 4);
        try (TransferTestCluster cluster = TransferTestCluster.start(3)) {
            cluster.store(0).putFinalized(block, data);

            senderOf(cluster, cluster.store(0)).replicate(block.toBuilder().setNumBytes(data.length).build(),
                    cluster.locations(1, 3));

            for (int node = 1; node < 3; node++) {
                assertArrayEquals(data, cluster.store(node).bytes(21));
                ReplicaInfo copy = cluster.store(node).replica(21).orElseThrow();
                assertTrue(copy.finalized());
                assertEquals(4, copy.generationStamp());
            }
        }
    }

    @Test
    void copyFailsNamingTheTargetThatRefused() throws Exception {
        BlockProto block = block(22, 1);
        try (TransferTestCluster cluster = TransferTestCluster.start(3)) {
            cluster.store(0).putFinalized(block, new byte[2000]);
            cluster.store(2).putFinalized(block, new byte[10]);

            HydraException e = assertThrows(HydraException.class,
                    () -> senderOf(cluster, cluster.store(0)).replicate(block, cluster.locations(1, 3)));

            assertEquals(ErrorCode.REPLICA_ALREADY_EXISTS, e.code());
            assertTrue(e.getMessage().contains("bs2"), e.getMessage());
        }
    }

    @Test
    void replicaWithAnotherStampIsNotSent() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(2)) {
            cluster.store(0).putFinalized(block(23, 2), new byte[10]);

            HydraException e = assertThrows(HydraException.class,
                    () -> senderOf(cluster, cluster.store(0)).replicate(block(23, 1), cluster.locations(1, 2)));

            assertEquals(ErrorCode.STALE_GENERATION_STAMP, e.code());
        }
    }
}
