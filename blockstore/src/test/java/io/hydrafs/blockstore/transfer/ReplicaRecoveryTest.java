package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.StoreFixture;
import io.hydrafs.blockstore.storage.ReplicaWriter;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.InitReplicaRecoveryRequest;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaRecoveryTest {

    private static ReplicaWriter beingWritten(TransferTestCluster cluster, BlockProto block, byte[] data)
            throws HydraException {
        ReplicaWriter writer = cluster.store(0).createReplica(block);
        writer.write(0, ByteBuffer.wrap(data), ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(data))));
        return writer;
    }

    @Test
    void initStopsTheWriterAndFinalizeTruncatesUnderTheRecoveryStamp() throws Exception {
        byte[] data = TestBlocks.bytes(3000, 8);
        BlockProto block = block(31, 5);
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            ReplicaWriter writer = beingWritten(cluster, block, data);
            ReplicaRecoveryClient client = new ReplicaRecoveryClient(cluster.loops, TransferTestCluster.SETTINGS);

            InitReplicaRecoveryResponse init = client.initRecovery(cluster.location(0), block, 6);

            assertEquals(3000, init.getReplica().getNumBytes());
            assertEquals(5, init.getReplica().getGenerationStamp());
            assertFalse(init.getFinalized());
            HydraException stopped = assertThrows(HydraException.class, () -> writer.write(3000,
                    ByteBuffer.allocate(0), ByteBuffer.allocate(0)));
            assertEquals(ErrorCode.STALE_GENERATION_STAMP, stopped.code());

            client.finalizeRecovery(cluster.location(0), 31, 6, 1000);

            ReplicaInfo recovered = cluster.store(0).replica(31).orElseThrow();
            assertTrue(recovered.finalized());
            assertEquals(6, recovered.generationStamp());
            assertArrayEquals(Arrays.copyOf(data, 1000), cluster.store(0).bytes(31));
        }
    }

    @Test
    void initOfAFinalizedReplicaReportsItUnchanged() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(32, 2), new byte[700]);
            ReplicaRecoveryClient client = new ReplicaRecoveryClient(cluster.loops, TransferTestCluster.SETTINGS);

            InitReplicaRecoveryResponse init = client.initRecovery(cluster.location(0), block(32, 2), 3);

            assertTrue(init.getFinalized());
            assertEquals(700, init.getReplica().getNumBytes());
            assertEquals(2, cluster.store(0).replica(32).orElseThrow().generationStamp());
        }
    }

    @Test
    void initOfAMissingReplicaFailsWithItsCode() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            ReplicaRecoveryClient client = new ReplicaRecoveryClient(cluster.loops, TransferTestCluster.SETTINGS);

            HydraException e = assertThrows(HydraException.class,
                    () -> client.initRecovery(cluster.location(0), block(33, 1), 2));

            assertEquals(ErrorCode.REPLICA_NOT_FOUND, e.code());
        }
    }

    @Test
    void initOfAReplicaAlreadyRecoveredUnderANewerStampIsStale() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            cluster.store(0).putFinalized(block(34, 9), new byte[10]);
            ReplicaRecoveryClient client = new ReplicaRecoveryClient(cluster.loops, TransferTestCluster.SETTINGS);

            HydraException e = assertThrows(HydraException.class,
                    () -> client.initRecovery(cluster.location(0), block(34, 5), 8));

            assertEquals(ErrorCode.STALE_GENERATION_STAMP, e.code());
        }
    }

    @Test
    void initKeepsEveryPacketTheWriterStoredBeforeItWasStopped(@TempDir Path root) throws Exception {
        try (StoreFixture fx = StoreFixture.create(root, 1)) {
            for (long id = 100; id < 120; id++) { // each round races init against a busy writer
                ReplicaWriter writer = fx.store().createReplica(block(id, 1));
                BusyWriter busy = BusyWriter.start(writer, TestBlocks.bytes(DataChecksums.BYTES_PER_CHUNK, id));
                try {
                    busy.firstPacketStored.await();

                    InitReplicaRecoveryResponse init = ReplicaRecovery.init(fx.store(), InitReplicaRecoveryRequest
                            .newBuilder().setBlock(block(id, 1)).setRecoveryGenerationStamp(2).build());

                    busy.thread.join(10_000);
                    assertEquals(ErrorCode.STALE_GENERATION_STAMP, busy.stoppedBy.code());
                    assertEquals(busy.storedBytes, init.getReplica().getNumBytes());
                    assertEquals(busy.storedBytes, fx.store().replica(id).orElseThrow().numBytes());
                } finally {
                    writer.close();
                    busy.thread.join(10_000);
                }
            }
        }
    }

    /** Writes one chunk after another until its writer is stopped; records how far it got. */
    private static final class BusyWriter {
        final CountDownLatch firstPacketStored = new CountDownLatch(1);
        final Thread thread;
        volatile long storedBytes;
        volatile HydraException stoppedBy;

        private BusyWriter(ReplicaWriter writer, byte[] chunk) {
            byte[] checksums = DataChecksums.compute(ByteBuffer.wrap(chunk));
            thread = new Thread(() -> {
                try {
                    for (long offset = 0; ; offset += chunk.length) {
                        writer.write(offset, ByteBuffer.wrap(chunk), ByteBuffer.wrap(checksums));
                        storedBytes = offset + chunk.length;
                        firstPacketStored.countDown();
                    }
                } catch (HydraException e) {
                    stoppedBy = e;
                    firstPacketStored.countDown();
                }
            }, "busy-writer");
        }

        static BusyWriter start(ReplicaWriter writer, byte[] chunk) {
            BusyWriter busy = new BusyWriter(writer, chunk);
            busy.thread.start();
            return busy;
        }
    }
}
