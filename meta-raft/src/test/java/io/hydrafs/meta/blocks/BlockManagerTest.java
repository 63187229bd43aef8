package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.HeartbeatResponse;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockManagerTest {
    private static final long DEAD_MS = 1_000;
    private static final BlockProto BLOCK = BlockProto.newBuilder().setBlockId(5).setGenerationStamp(7)
            .setNumBytes(100).build();
    private final AtomicLong clock = new AtomicLong(10_000);
    private final BlockManager blocks = new BlockManager(new BlockPlacementPolicy(new Random(3)), clock::get,
            DEAD_MS, 5_000, 0, 10, 10_000);

    private static BlockstoreLocation at(String id) {
        return BlockstoreLocation.newBuilder().setId(id).setHost("127.0.0.1").setDataPort(1000 + id.hashCode() % 100)
                .build();
    }

    private HeartbeatResponse heartbeat(String id, long term) {
        return blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1)
                .setStorage(StorageReport.newBuilder().setRemainingBytes(1L << 40)).build(), term);
    }

    private void holds(String id, BlockProto... replicas) {
        heartbeat(id, 1);
        FullBlockReportRequest.Builder r = FullBlockReportRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1);
        for (BlockProto b : replicas) {
            r.addReplicas(ReplicaReport.newBuilder().setBlock(b).setState(ReplicaState.FINALIZED));
        }
        blocks.fullReport(r.build());
    }

    static Map<Long, Optional<BlockOwner>> allOwnedBy(Collection<Long> ids, BlockOwner owner) {
        Map<Long, Optional<BlockOwner>> out = new HashMap<>();
        ids.forEach(id -> out.put(id, Optional.of(owner)));
        return out;
    }

    private LocatedBlockProto located() {
        return LocatedBlockProto.newBuilder().setBlock(BLOCK).build();
    }

    @Test
    void aNodesDataViewIsCompleteOnlyAfterTheWarmUpAndEveryLiveBlockstoresFullReport() {
        BlockManager fresh = new BlockManager(new BlockPlacementPolicy(new Random(3)), clock::get, DEAD_MS, 5_000,
                500, 10, 10_000);
        assertFalse(fresh.viewComplete(), "a node that just started knows no blockstore yet");

        fresh.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at("a")).setStartTimeMs(1).build(), 1);
        clock.addAndGet(500);
        assertFalse(fresh.viewComplete(), "blockstore a has not sent its full report");
        assertEquals(0, fresh.reportedBlockstores());

        fresh.fullReport(FullBlockReportRequest.newBuilder().setBlockstore(at("a")).setStartTimeMs(1).build());
        assertTrue(fresh.viewComplete());
        assertEquals(1, fresh.reportedBlockstores());

        fresh.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at("a")).setStartTimeMs(2).build(), 1);
        assertFalse(fresh.viewComplete(), "a restarted blockstore's replicas are unknown until it reports again");
    }

    @Test
    void aReaderOnABlockstoreReadsItsOwnReplicaFirstAndCorruptOnesLast() {
        holds("a", BLOCK);
        holds("b", BLOCK);
        holds("c", BLOCK);
        blocks.reportBadReplica(BLOCK, "a");

        for (int i = 0; i < 10; i++) {
            LocatedBlockProto l = blocks.locate(located(), "c");
            assertEquals("c", l.getTargets(0));
            assertEquals("a", l.getTargets(2));
            assertEquals(3, l.getLocationsCount());
            assertFalse(l.getCorrupt());
        }
    }

    @Test
    void aSilentBlockstoreStopsBeingOfferedToReaders() {
        holds("a", BLOCK);
        holds("b", BLOCK);
        clock.addAndGet(DEAD_MS / 2);
        heartbeat("a", 1);
        clock.addAndGet(DEAD_MS / 2 + 1);

        assertEquals(List.of("a"), blocks.locate(located(), "").getTargetsList());
        assertEquals(1, blocks.liveBlockstores());
        assertEquals(1, blocks.deadBlockstores());
    }

    @Test
    void liveStorageSumsTheLastHeartbeatsOfLiveBlockstoresOnly() {
        StorageReport disk = StorageReport.newBuilder().setCapacityBytes(1_000).setUsedBytes(100)
                .setRemainingBytes(800).setActiveVolumes(2).build();
        for (String id : List.of("a", "b", "c")) {
            blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1).setStorage(disk)
                    .build(), 1);
        }
        clock.addAndGet(DEAD_MS / 2);
        for (String id : List.of("a", "b")) {
            blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1)
                    .setStorage(disk.toBuilder().setUsedBytes(300).setRemainingBytes(600)).build(), 1);
        }
        clock.addAndGet(DEAD_MS / 2 + 1); // c is silent too long: dead

        StorageReport live = blocks.liveStorage();

        assertEquals(2_000, live.getCapacityBytes());
        assertEquals(600, live.getUsedBytes());
        assertEquals(1_200, live.getRemainingBytes());
        assertEquals(4, live.getActiveVolumes());
    }

    @Test
    void removedBlocksAreOrderedDeletedWithTheLeadersTerm() {
        holds("a", BLOCK);
        blocks.onLeader(4);

        blocks.blocksRemoved(List.of(BLOCK));
        HeartbeatResponse answer = heartbeat("a", 4);

        assertTrue(answer.getLeader());
        assertEquals(1, answer.getOrdersCount());
        BlockOrder order = answer.getOrders(0);
        assertEquals(4, order.getTerm());
        assertEquals(BLOCK.getBlockId(), order.getDelete().getBlocks(0).getBlockId());
    }

    @Test
    void aFollowerGivesNoOrders() {
        holds("a", BLOCK);
        blocks.blocksRemoved(List.of(BLOCK));

        HeartbeatResponse answer = heartbeat("a", 4);

        assertFalse(answer.getLeader());
        assertEquals(0, answer.getOrdersCount());
    }

    @Test
    void anUnderReplicatedBlockIsCopiedOnceTheLeaderIsReady() throws Exception {
        holds("a", BLOCK);
        holds("b");
        blocks.onLeader(2);

        blocks.checkReplication((ids, files) -> allOwnedBy(ids, new BlockOwner(BLOCK, 2, false)));
        HeartbeatResponse answer = heartbeat("a", 2);

        assertEquals(1, answer.getOrdersCount());
        assertEquals("b", answer.getOrders(0).getReplicate().getTargets(0).getId());
        assertEquals(1, blocks.pendingReplications());
    }

    /**
     * On a meta node the lookup is a store read that waits for the entries already answered to be
     * committed, and the apply thread answering them records pipelines here first.
     */
    @Test
    void theReplicationRoundLooksUpOwnersWithoutHoldingTheLockTheApplyThreadNeeds() throws Exception {
        holds("a", BLOCK);
        holds("b");
        blocks.onLeader(2);
        ExecutorService applyThread = Executors.newSingleThreadExecutor();
        AtomicBoolean appliedDuringLookup = new AtomicBoolean();
        try {
            blocks.checkReplication((ids, files) -> {
                Future<?> recorded = applyThread.submit(() -> blocks.expectLocations(99, List.of("a")));
                try {
                    recorded.get(5, TimeUnit.SECONDS);
                    appliedDuringLookup.set(true);
                } catch (TimeoutException | ExecutionException | InterruptedException e) {
                    throw new HydraException(ErrorCode.NOT_READY, "the apply thread was held up: " + e);
                }
                return allOwnedBy(ids, new BlockOwner(BLOCK, 2, false));
            });
        } finally {
            applyThread.shutdownNow();
        }

        assertTrue(appliedDuringLookup.get(), "the apply thread recorded a pipeline while owners were looked up");
        assertEquals(1, blocks.pendingReplications(), "and the round still planned the copy");
    }

    @Test
    void aRestartedBlockstoresReplicasAreForgottenUntilItsNextFullReport() {
        holds("a", BLOCK);
        blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at("a")).setStartTimeMs(2).build(), 1);

        assertEquals(0, blocks.locate(located(), "").getTargetsCount());
        assertTrue(heartbeat2("a").getFullReportWanted());
    }

    private HeartbeatResponse heartbeat2(String id) {
        return blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(2).build(), 1);
    }

    @Test
    void aDecommissioningSetReadAtAnOlderIndexDoesNotUndoAnAppliedChange() {
        heartbeat("a", 1);
        heartbeat("b", 1);
        blocks.decommissioningChanged(Set.of("a", "b"), 12);

        // a new leader's load that read the store before entry 12 was applied arrives late
        blocks.loadDecommissioning(Set.of("a"), 11);

        assertTrue(blocks.isDecommissioning("b"));
        blocks.loadDecommissioning(Set.of("a"), 13);
        assertFalse(blocks.isDecommissioning("b"));
    }

    @Test
    void aDecommissioningBlockstoreGetsNoNewBlockEvenIfHeardOfOnlyAfterTheSetNamedIt() {
        blocks.decommissioningChanged(Set.of("c"), 5);
        heartbeat("a", 1);
        heartbeat("b", 1);
        heartbeat("c", 1);

        List<String> targets = blocks.chooseTargets(3, 100, "", List.of());

        assertEquals(2, targets.size(), targets.toString());
        assertFalse(targets.contains("c"));
    }
}
