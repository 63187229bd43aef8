package io.hydrafs.client.data;

import io.hydrafs.client.fake.FakeBlockstore;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One block's pipeline against a {@link FakeBlockstore} as its first node (the second node is
 * only named: the fake acks for it), with recoveries recorded instead of sent to a meta service.
 */
class BlockWriterTest {
    private static final long BLOCK_ID = 7;
    private static final long STAMP = 1001;
    private static final long BLOCK_SIZE = 4L * DataChecksums.PACKET_DATA_BYTES;

    private FakeBlockstore first;
    private final RecordedRecoveries recoveries = new RecordedRecoveries();

    @BeforeEach
    void start() throws Exception {
        first = new FakeBlockstore("bs-a");
    }

    @AfterEach
    void stop() {
        first.close();
    }

    @Test
    void aConnectionLostAfterTheLastAckLeavesTheFinalizedBlockAlone() throws Exception {
        // Arrange: the first node acks the last packet (every replica finalized), then stops.
        first.closeAfterLastAck();
        BlockWriter writer = BlockWriter.create("/f", "client-1", DataOptions.defaults(), recoveries, newBlock());
        PacketBuilder packets = new PacketBuilder(BLOCK_SIZE);
        byte[] data = new byte[3000];
        packets.write(data, 0, data.length);
        writer.send(packets.take(false));
        writer.send(packets.lastPacket());
        await().atMost(Duration.ofSeconds(10)).until(writer::failurePending);

        // Act
        writer.awaitAcked();

        // Assert: no new stamp (it would reopen finalized replicas with no packet left to finalize them)
        assertEquals(List.of(), List.copyOf(recoveries.calls));
        assertEquals(STAMP, writer.block().getGenerationStamp());
        assertEquals(data.length, writer.block().getNumBytes());
        assertTrue(first.replica(BLOCK_ID).finalized());
        writer.close();
    }

    private LocatedBlockProto newBlock() {
        BlockstoreLocation second = BlockstoreLocation.newBuilder().setId("bs-b").setHost("127.0.0.1").setDataPort(1)
                .build();
        return LocatedBlockProto.newBuilder()
                .setBlock(BlockProto.newBuilder().setBlockId(BLOCK_ID).setGenerationStamp(STAMP))
                .addTargets("bs-a").addTargets("bs-b")
                .addLocations(first.location()).addLocations(second)
                .build();
    }

    /** Records each recovery the writer asks for and refuses it, so that a wrong one ends the write. */
    private static final class RecordedRecoveries implements BlockWriter.Recoveries {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        @Override
        public LocatedBlockProto updatePipeline(BlockProto block, List<String> survivors) throws HydraException {
            calls.add("updatePipeline " + survivors);
            throw new HydraException(ErrorCode.INTERNAL, "no recovery expected");
        }

        @Override
        public LocatedBlockProto replaceBlock(LocatedBlockProto abandoned, List<String> excluded)
                throws HydraException {
            calls.add("replaceBlock " + excluded);
            throw new HydraException(ErrorCode.INTERNAL, "no recovery expected");
        }
    }
}
