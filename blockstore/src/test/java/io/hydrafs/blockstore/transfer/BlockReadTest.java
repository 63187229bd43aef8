package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.ReadBlockRequest;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockReadTest {
    private static final int PACKET = DataChecksums.PACKET_DATA_BYTES;

    /** What a read delivered: the response, then the packets' data joined, each packet verified. */
    private record ReadResult(ReadBlockResponse response, byte[] data, int packets) {
    }

    private static ReadResult read(TransferTestCluster cluster, BlockProto block, long offset, long length)
            throws Exception {
        try (TestPeer client = cluster.connect(0)) {
            client.send(DataHeader.newBuilder().setReadBlock(ReadBlockRequest.newBuilder().setBlock(block)
                    .setOffset(offset).setLength(length).setClientName("reader")).build());
            ReadBlockResponse response = client.next().header().getReadBlockResponse();
            if (response.hasError()) {
                client.awaitClosed();
                return new ReadResult(response, null, 0);
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            long expectedOffset = response.getChunkOffset();
            int packets = 0;
            while (true) {
                TestPeer.Received r = client.next();
                Packet p = r.header().getPacket();
                assertEquals(packets, p.getSeqno());
                assertEquals(expectedOffset, p.getOffsetInBlock());
                assertTrue(r.payload().length <= PACKET);
                DataChecksums.verify(ByteBuffer.wrap(r.payload()), p.getChecksums().asReadOnlyByteBuffer(),
                        p.getOffsetInBlock(), "read packet");
                data.write(r.payload());
                expectedOffset += r.payload().length;
                packets++;
                if (p.getLast()) {
                    break;
                }
            }
            client.awaitClosed();
            return new ReadResult(response, data.toByteArray(), packets);
        }
    }

    @Test
    void wholeReplicaArrivesInPacketsWithChecksumsThatVerify() throws Exception {
        byte[] data = TestBlocks.bytes(3 * PACKET + 700, 5);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(1, 5), data);

            ReadResult result = read(cluster, block(1, 5), 0, 0);

            assertEquals(0, result.response().getChunkOffset());
            assertEquals(data.length, result.response().getReplicaLength());
            assertEquals(4, result.packets());
            assertArrayEquals(data, result.data());
        }
    }

    @Test
    void rangeStartingMidChunkIsSentFromItsChunkBoundaryToTheEndOfItsLastChunk() throws Exception {
        byte[] data = TestBlocks.bytes(4 * PACKET, 6);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(2, 1), data);

            ReadResult result = read(cluster, block(2, 1), 1000, PACKET + 4_464);

            assertEquals(512, result.response().getChunkOffset());
            long end = (1000 + PACKET + 4_464 + 511) / 512 * 512;
            assertArrayEquals(Arrays.copyOfRange(data, 512, (int) end), result.data());
            assertEquals(2, result.packets());
        }
    }

    @Test
    void emptyRangeAtTheEndIsOneEmptyLastPacket() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(3, 1), new byte[1024]);

            ReadResult result = read(cluster, block(3, 1), 1024, 0);

            assertEquals(1, result.packets());
            assertEquals(0, result.data().length);
        }
    }

    @Test
    void readBeyondTheReplicaIsEndOfFile() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(4, 1), new byte[1000]);

            ReadResult result = read(cluster, block(4, 1), 900, 200);

            assertEquals(ErrorCode.END_OF_FILE.number(), result.response().getError().getCode());
        }
    }

    @Test
    void readWithAnotherStampIsStaleAndOfAnUnknownBlockIsNotFound() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(5, 3), new byte[10]);

            assertEquals(ErrorCode.STALE_GENERATION_STAMP.number(),
                    read(cluster, block(5, 2), 0, 0).response().getError().getCode());
            assertEquals(ErrorCode.REPLICA_NOT_FOUND.number(),
                    read(cluster, block(6, 1), 0, 0).response().getError().getCode());
        }
    }

    @Test
    void readsEndAndReleaseTheirTransferSlot() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(7, 1), new byte[PACKET * 2]);

            assertFalse(read(cluster, block(7, 1), 0, 0).response().hasError());

            org.awaitility.Awaitility.await().until(() -> cluster.servers.get(0).transfersInProgress() == 0);
        }
    }
}
