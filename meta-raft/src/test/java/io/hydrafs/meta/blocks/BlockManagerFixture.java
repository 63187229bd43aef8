package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.HeartbeatResponse;
import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlockManager} on a hand-moved clock, blockstores that report what the test says, and
 * a namespace of block owners that records which blocks each replication round asked about.
 */
final class BlockManagerFixture {
    static final long DEAD_MS = 1_000;

    final AtomicLong clock = new AtomicLong(10_000);
    final BlockManager blocks;
    /** The namespace's side: block id -> owner; absent = no file has the block. */
    final Map<Long, BlockOwner> owners = new HashMap<>();
    /** Path -> the file's block ids. */
    final Map<String, List<Long>> files = new HashMap<>();
    /** The blocks each round looked up, in round order. */
    final List<Set<Long>> rounds = new ArrayList<>();

    BlockManagerFixture(long readyDelayMs, int walkSlice) {
        blocks = new BlockManager(new BlockPlacementPolicy(new Random(3)), clock::get, DEAD_MS, 5_000, readyDelayMs,
                10, walkSlice);
    }

    static BlockstoreLocation at(String id) {
        return BlockstoreLocation.newBuilder().setId(id).setHost("127.0.0.1").setDataPort(1000 + id.hashCode() % 100)
                .build();
    }

    static BlockProto block(long id) {
        return BlockProto.newBuilder().setBlockId(id).setGenerationStamp(7).setNumBytes(100).build();
    }

    HeartbeatResponse heartbeat(String id, long term) {
        return blocks.heartbeat(HeartbeatRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1)
                .setStorage(StorageReport.newBuilder().setRemainingBytes(1L << 40)).build(), term);
    }

    /** The blockstore heartbeats and sends a full report of exactly these finalized replicas. */
    void holds(String id, BlockProto... replicas) {
        heartbeat(id, 1);
        FullBlockReportRequest.Builder r = FullBlockReportRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1);
        for (BlockProto b : replicas) {
            r.addReplicas(ReplicaReport.newBuilder().setBlock(b).setState(ReplicaState.FINALIZED));
        }
        blocks.fullReport(r.build());
    }

    /** The blockstore reports a newly finalized replica. */
    void received(String id, BlockProto replica) {
        blocks.incrementalReport(IncrementalBlockReportRequest.newBuilder().setBlockstore(at(id)).setStartTimeMs(1)
                .addReceived(ReplicaReport.newBuilder().setBlock(replica).setState(ReplicaState.FINALIZED)).build());
    }

    /** Every block of these ids belongs to a complete file of this replication. */
    void ownedWithReplication(int replication, long... blockIds) {
        for (long id : blockIds) {
            owners.put(id, new BlockOwner(block(id), replication, false));
        }
    }

    /** One replication round against {@link #owners}; returns the blocks it looked up, sorted. */
    Set<Long> round() {
        Set<Long> asked = new TreeSet<>();
        blocks.checkReplication((ids, paths) -> lookUp(ids, paths, asked));
        rounds.add(asked);
        return asked;
    }

    private Map<Long, Optional<BlockOwner>> lookUp(Collection<Long> ids, Collection<String> paths, Set<Long> asked) {
        asked.addAll(ids);
        paths.forEach(p -> asked.addAll(files.getOrDefault(p, List.of())));
        Map<Long, Optional<BlockOwner>> out = new HashMap<>();
        asked.forEach(id -> out.put(id, Optional.ofNullable(owners.get(id))));
        return out;
    }

    /** The replicate orders the blockstore gets at its next heartbeat, as block ids. */
    List<Long> replicateOrdersFor(String id, long term) {
        return heartbeat(id, term).getOrdersList().stream().filter(o -> o.hasReplicate())
                .map(o -> o.getReplicate().getBlock().getBlockId()).toList();
    }
}
