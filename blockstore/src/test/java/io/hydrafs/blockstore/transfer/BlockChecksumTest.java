package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaWriter;
import io.hydrafs.protocol.data.BlockChecksumRequest;
import io.hydrafs.protocol.data.BlockChecksumResponse;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data port's block checksum: the CRC32C of a replica's first N bytes, over a real connection. */
class BlockChecksumTest {

    private static int crc32c(byte[] data, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    private static BlockChecksumResponse ask(TransferTestCluster cluster, BlockProto block, long length)
            throws Exception {
        try (TestPeer peer = TestPeer.connect(cluster.loops, cluster.location(0))) {
            peer.send(DataHeader.newBuilder().setBlockChecksum(BlockChecksumRequest.newBuilder()
                    .setBlock(block.toBuilder().setNumBytes(length))).build());
            DataHeader answer = peer.next().header();
            assertTrue(answer.hasBlockChecksumResponse(), "answered " + answer.getKindCase());
            return answer.getBlockChecksumResponse();
        }
    }

    @Test
    void checksumOfAFinalizedReplicaIsTheCrc32cOfItsBytes() throws Exception {
        // several steps of stored checksums and a partial last chunk
        byte[] data = TestBlocks.bytes(2 * DataChecksums.PACKET_DATA_BYTES + 3 * DataChecksums.BYTES_PER_CHUNK + 77, 5);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(41, 3), data);

            BlockChecksumResponse whole = ask(cluster, block(41, 3), data.length);

            assertTrue(!whole.hasError(), () -> whole.getError().toString());
            assertEquals(crc32c(data, data.length), whole.getCrc32C());
            assertEquals(data.length, whole.getLength());
        }
    }

    @Test
    void checksumOfAPrefixEndingInsideAChunkCoversOnlyThePrefix() throws Exception {
        byte[] data = TestBlocks.bytes(3000, 6);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(42, 1), data);

            assertEquals(crc32c(data, 1100), ask(cluster, block(42, 1), 1100).getCrc32C());
            assertEquals(crc32c(data, 1024), ask(cluster, block(42, 1), 1024).getCrc32C());
            assertEquals(0, ask(cluster, block(42, 1), 0).getCrc32C(), "CRC32C of no bytes");
        }
    }

    @Test
    void checksumOfAReplicaBeingWrittenCoversItsVisibleBytes() throws Exception {
        byte[] data = TestBlocks.bytes(1500, 7);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            ReplicaWriter writer = cluster.store(0).createReplica(block(43, 2));
            writer.write(0, ByteBuffer.wrap(data), ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(data))));

            assertEquals(crc32c(data, 1500), ask(cluster, block(43, 2), 1500).getCrc32C());
        }
    }

    @Test
    void errorsAreAnsweredWithTheirCodes() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(44, 4), new byte[600]);

            assertEquals(TestPeer.code(ErrorCode.REPLICA_NOT_FOUND), ask(cluster, block(45, 1), 10).getError().getCode());
            assertEquals(TestPeer.code(ErrorCode.STALE_GENERATION_STAMP),
                    ask(cluster, block(44, 3), 10).getError().getCode());
            assertEquals(TestPeer.code(ErrorCode.INVALID_ARGUMENT), ask(cluster, block(44, 4), 601).getError().getCode());
        }
    }
}
