package io.hydrafs.blockstore.transfer;

import com.google.protobuf.ByteString;
import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.data.WriteStage;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static io.hydrafs.blockstore.transfer.TestBlocks.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineWriteTest {
    private static final int PACKET = DataChecksums.PACKET_DATA_BYTES;
    private static final int OK = 0;

    /** Sends the request that creates {@code block} along {@code downstream}; asserts it is accepted. */
    private static void startWrite(TestPeer client, BlockProto block, List<BlockstoreLocation> downstream)
            throws Exception {
        client.send(create(block, downstream));
        assertFalse(client.next().header().getWriteBlockResponse().hasError(), "write of " + block + " refused");
    }

    /** Checksums of the packet at {@code offset} with one bit flipped. */
    private static ByteString wrongChecksums(byte[] data, int offset) {
        byte[] wrong = DataChecksums.compute(ByteBuffer.wrap(data, offset, PACKET));
        wrong[0] ^= 1;
        return ByteString.copyFrom(wrong);
    }

    @Test
    void threeNodePipelineStoresIdenticalFinalizedReplicas() throws Exception {
        byte[] data = TestBlocks.bytes(3 * PACKET + 1000, 1);
        BlockProto block = block(7, 100);
        try (TransferTestCluster cluster = TransferTestCluster.start(3);
             TestPeer client = cluster.connect(0)) {
            startWrite(client, block, cluster.locations(1, 3));

            int seqno = 0;
            for (int off = 0; off < data.length; off += PACKET) {
                client.sendPacket(seqno++, data, off, Math.min(PACKET, data.length - off));
            }
            client.sendLast(seqno++, data.length);

            for (int expected = 0; expected < seqno; expected++) {
                PacketAck ack = client.nextAck();
                assertEquals(expected, ack.getSeqno());
                assertEquals(List.of(OK, OK, OK), ack.getCodesList());
            }
            for (int node = 0; node < 3; node++) {
                assertArrayEquals(data, cluster.store(node).bytes(7), "bytes of node " + node);
                ReplicaInfo replica = cluster.store(node).replica(7).orElseThrow();
                assertTrue(replica.finalized(), "node " + node + " finalized");
                assertEquals(100, replica.generationStamp());
            }
            client.close(); // the writer ends the connection after the last ack
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.stream()
                    .allMatch(s -> s.transfersInProgress() == 0));
        }
    }

    @Test
    void packetWithWrongChecksumIsRefusedAndItsResendIsStored() throws Exception {
        byte[] data = TestBlocks.bytes(2 * PACKET, 2);
        BlockProto block = block(8, 1);
        try (TransferTestCluster cluster = TransferTestCluster.start(2);
             TestPeer client = cluster.connect(0)) {
            startWrite(client, block, cluster.locations(1, 2));
            client.sendPacket(0, data, 0, PACKET);
            assertEquals(List.of(OK, OK), client.nextAck().getCodesList());

            client.sendPacket(1, PACKET, data, PACKET, wrongChecksums(data, PACKET));
            PacketAck refused = client.nextAck();
            assertEquals(ErrorCode.CHECKSUM_MISMATCH.number(), refused.getCodes(0));
            assertEquals(PACKET, cluster.store(0).bytes(8).length, "the refused packet is not written");

            client.sendPacket(2, data, PACKET, PACKET);
            assertEquals(List.of(OK, OK), client.nextAck().getCodesList());
            client.sendLast(3, data.length);
            assertEquals(List.of(OK, OK), client.nextAck().getCodesList());
            assertArrayEquals(data, cluster.store(0).bytes(8));
            assertArrayEquals(data, cluster.store(1).bytes(8));
        }
    }

    @Test
    void lastPacketAfterAGapOfRefusedPacketsLeavesTheReplicaUnfinished() throws Exception {
        byte[] data = TestBlocks.bytes(3 * PACKET, 4);
        BlockProto block = block(11, 1);
        try (TransferTestCluster cluster = TransferTestCluster.start(2);
             TestPeer client = cluster.connect(0)) {
            startWrite(client, block, cluster.locations(1, 2));

            // the sender streams without waiting for acks, as FileWriter and ReplicaSender do
            client.sendPacket(0, data, 0, PACKET);
            client.sendPacket(1, PACKET, data, PACKET, wrongChecksums(data, PACKET));
            client.sendPacket(2, data, 2 * PACKET, PACKET);
            client.sendLast(3, data.length);

            assertEquals(OK, client.nextAck().getCodes(0));
            assertEquals(ErrorCode.CHECKSUM_MISMATCH.number(), client.nextAck().getCodes(0));
            assertEquals(ErrorCode.CHECKSUM_MISMATCH.number(), client.nextAck().getCodes(0), "packet after the gap");
            assertEquals(ErrorCode.CHECKSUM_MISMATCH.number(), client.nextAck().getCodes(0), "last packet");
            ReplicaInfo replica = cluster.store(0).replica(11).orElseThrow();
            assertFalse(replica.finalized(), "a replica missing its middle packet must not be finished");
            assertEquals(PACKET, cluster.store(0).bytes(11).length);
        }
    }

    @Test
    void lostDownstreamIsReportedAtIndexOneWhileFirstNodeKeepsWriting() throws Exception {
        byte[] data = TestBlocks.bytes(2 * PACKET, 3);
        BlockProto block = block(9, 1);
        try (TransferTestCluster cluster = TransferTestCluster.start(2);
             TestPeer client = cluster.connect(0)) {
            startWrite(client, block, cluster.locations(1, 2));
            client.sendPacket(0, data, 0, PACKET);
            assertEquals(List.of(OK, OK), client.nextAck().getCodesList());

            cluster.servers.get(1).close();
            client.sendPacket(1, data, PACKET, PACKET);
            PacketAck ack = client.nextAck();

            assertEquals(List.of(OK, ErrorCode.CONNECTION_FAILED.number()), ack.getCodesList());
            assertArrayEquals(data, cluster.store(0).bytes(9));
        }
    }

    @Test
    void unreachableDownstreamFailsSetupAtIndexOne() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(2);
             TestPeer client = cluster.connect(0)) {
            BlockstoreLocation gone = cluster.location(1);
            cluster.servers.get(1).close();
            client.send(create(block(10, 1), List.of(gone)));

            WriteBlockResponse response = client.next().header().getWriteBlockResponse();

            assertEquals(ErrorCode.CONNECTION_FAILED.number(), response.getError().getCode());
            assertEquals(1, response.getFailedIndex());
            client.awaitClosed();
        }
    }

    @Test
    void failureOfLastNodeIsReportedWithItsIndexInThePipeline() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(3);
             TestPeer client = cluster.connect(0)) {
            cluster.store(2).putFinalized(block(11, 1), new byte[10]);
            client.send(create(block(11, 1), cluster.locations(1, 3)));

            WriteBlockResponse response = client.next().header().getWriteBlockResponse();

            assertEquals(ErrorCode.REPLICA_ALREADY_EXISTS.number(), response.getError().getCode());
            assertEquals(2, response.getFailedIndex());
        }
    }

    @Test
    void recoverPipelineReopensUnderNewStampDroppingUnackedBytes() throws Exception {
        byte[] data = TestBlocks.bytes(PACKET + 512, 4);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            try (TestPeer first = cluster.connect(0)) {
                first.send(create(block(12, 1), List.of()));
                first.next();
                first.sendPacket(0, data, 0, PACKET);
                first.nextAck();
            }
            try (TestPeer second = cluster.connect(0)) {
                second.send(DataHeader.newBuilder().setWriteBlock(WriteBlockRequest.newBuilder()
                        .setBlock(block(12, 2).toBuilder().setNumBytes(512)).setOldGenerationStamp(1)
                        .setStage(WriteStage.RECOVER_PIPELINE)).build());
                assertFalse(second.next().header().getWriteBlockResponse().hasError());
                second.sendPacket(0, data, 512, PACKET);
                assertEquals(List.of(OK), second.nextAck().getCodesList());
                second.sendLast(1, data.length);
                assertEquals(List.of(OK), second.nextAck().getCodesList());
            }
            assertArrayEquals(data, cluster.store(0).bytes(12));
            assertEquals(2, cluster.store(0).replica(12).orElseThrow().generationStamp());
        }
    }

    @Test
    void upstreamLeavingBeforeTheLastPacketLeavesTheReplicaBeingWritten() throws Exception {
        byte[] data = TestBlocks.bytes(PACKET, 5);
        try (TransferTestCluster cluster = TransferTestCluster.start(2)) {
            try (TestPeer client = cluster.connect(0)) {
                client.send(create(block(13, 1), cluster.locations(1, 2)));
                client.next();
                client.sendPacket(0, data, 0, PACKET);
                client.nextAck();
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.stream()
                    .allMatch(s -> s.transfersInProgress() == 0));
            for (int node = 0; node < 2; node++) {
                ReplicaInfo replica = cluster.store(node).replica(13).orElseThrow();
                assertFalse(replica.finalized());
                assertEquals(PACKET, replica.numBytes());
            }
        }
    }
}
