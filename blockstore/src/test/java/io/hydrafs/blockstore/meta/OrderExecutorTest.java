package io.hydrafs.blockstore.meta;

import io.hydrafs.blockstore.storage.InMemoryReplicaStore;
import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.RecoverOrder;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.net.RpcClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the leader's orders for one block are run when they overlap. */
class OrderExecutorTest {
    private static final long BLOCK = 7;

    @TempDir
    Path dir;

    /** Replicas that never answer recovery (so no commit is attempted); records each attempt's stamp. */
    private static final class RecordingTransfers implements ReplicaTransfers {
        final List<Long> stamps = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        @Override
        public void replicate(BlockProto block, List<BlockstoreLocation> targets) {
        }

        @Override
        public InitReplicaRecoveryResponse initRecovery(BlockstoreLocation at, BlockProto block, long recoveryStamp)
                throws HydraException {
            boolean first = stamps.isEmpty();
            stamps.add(recoveryStamp);
            if (first) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new HydraException(ErrorCode.REPLICA_NOT_FOUND, "no replica here");
        }

        @Override
        public void finalizeRecovery(BlockstoreLocation at, BlockProto agreed, long recoveryStamp) {
        }
    }

    private static BlockOrder recover(long stamp) {
        return BlockOrder.newBuilder().setRecover(RecoverOrder.newBuilder()
                .setBlock(BlockProto.newBuilder().setBlockId(BLOCK).setGenerationStamp(1001))
                .setNewGenerationStamp(stamp)
                .addReplicas(BlockstoreLocation.newBuilder().setId("b1").setHost("127.0.0.1").setDataPort(1))).build();
    }

    private static void awaitStamps(RecordingTransfers t, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.stamps.size() >= n);
    }

    @Test
    void aRecoveryOrderedWhileAnEarlierOneRunsWaitsForItAndOnlyTheNewestWaits() throws Exception {
        RecordingTransfers transfers = new RecordingTransfers();
        try (MetaLinks meta = new MetaLinks(List.of("127.0.0.1:1"), RpcClientOptions.defaults(), "test");
             OrderExecutor orders = new OrderExecutor("b0", new InMemoryReplicaStore(dir), transfers, meta, 2)) {
            orders.accept(recover(1006));
            assertTrue(transfers.firstStarted.await(10, TimeUnit.SECONDS));

            orders.accept(recover(1007));   // a new leader's attempt, while the old one runs
            orders.accept(recover(1005));   // an older order arriving late: 1007 stays the one waiting
            transfers.releaseFirst.countDown();
            awaitStamps(transfers, 2);
            orders.accept(recover(1008));   // later orders run as usual
            awaitStamps(transfers, 3);

            assertEquals(List.of(1006L, 1007L, 1008L), transfers.stamps);
        }
    }
}
