package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.ReplicateOrder;
import io.hydrafs.protocol.meta.BlockProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The leader's replication rounds: which blocks each round checks ({@link ReplicationWorklist}),
 * the orders that bring a checked block to its file's replication (copies, deletions of excess,
 * stale and corrupt replicas), and what the checks found: blocks under-replicated, blocks
 * missing, and per decommissioning blockstore the blocks still waiting for a copy elsewhere.
 * Those figures describe each block as of its last check.
 *
 * <p>Besides the worklist's blocks, a round checks every block of the files whose block records
 * the namespace changed with no replica changing ({@link #filesChanged}: setReplication, complete, concat),
 * as HDFS checks a file's blocks on those calls.
 *
 * <p>A round is two steps so that the namespace reads between them run without
 * {@link BlockManager}'s lock: {@link #takeRound} names the blocks, {@link #plan} acts on their
 * owners. Active only while this node leads; inactive, it records nothing.
 *
 * <p>Plain state, not thread-safe: {@link BlockManager} guards it.
 */
final class ReplicationMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);

    private final ReplicaMap replicas;
    private final BlockstoreRegistry blockstores;
    private final DecommissioningSet decommissioning;
    private final OrderQueues orders;
    private final BlockPlacementPolicy placement;
    private final long pendingTimeoutMs;
    private final ReplicationWorklist worklist;

    private boolean active;
    /** Files whose block records changed with no replica changing; checked next round. */
    private Set<String> changedFiles = new HashSet<>();
    /** Block id -> when its ordered copy is overdue. */
    private final Map<Long, Long> pendingReplications = new HashMap<>();
    private Set<String> liveAtLastRound = Set.of();
    private final Set<Long> underReplicated = new HashSet<>();
    private final Set<Long> missing = new HashSet<>();
    /** Decommissioning blockstore -> blocks whose only sound replicas include its own. */
    private final Map<String, Set<Long>> waitingOn = new HashMap<>();
    /** Decommissioning blockstore -> the worklist's round count when its blocks were marked. */
    private final Map<String, Long> retiringMarkedAt = new HashMap<>();

    ReplicationMonitor(ReplicaMap replicas, BlockstoreRegistry blockstores, DecommissioningSet decommissioning,
                       OrderQueues orders, BlockPlacementPolicy placement, long pendingTimeoutMs, int walkSlice) {
        this.replicas = replicas;
        this.blockstores = blockstores;
        this.decommissioning = decommissioning;
        this.orders = orders;
        this.placement = placement;
        this.pendingTimeoutMs = pendingTimeoutMs;
        this.worklist = new ReplicationWorklist(walkSlice);
    }

    /** A new leadership: the first round checks every block. */
    void start() {
        stop();
        active = true;
        replicas.trackChanges(true);
        worklist.markEverything();
        decommissioning.ids().forEach(id -> retiringMarkedAt.put(id, worklist.rounds()));
    }

    /** Leadership lost: marks, orders under way and figures are forgotten. */
    void stop() {
        active = false;
        replicas.trackChanges(false);
        worklist.clear();
        changedFiles = new HashSet<>();
        pendingReplications.clear();
        liveAtLastRound = Set.of();
        underReplicated.clear();
        missing.clear();
        waitingOn.clear();
        retiringMarkedAt.clear();
    }

    /** Blockstores started or stopped decommissioning: their blocks are checked next round. */
    void retiringChanged(Set<String> changed) {
        if (!active) {
            return;
        }
        for (String id : changed) {
            worklist.markAll(replicas.blocksOf(id));
            waitingOn.remove(id);
            if (decommissioning.contains(id)) {
                retiringMarkedAt.put(id, worklist.rounds());
            } else {
                retiringMarkedAt.remove(id);
            }
        }
    }

    /** The namespace changed these files' block records (their replication, say): checked next round. */
    void filesChanged(Set<String> paths) {
        if (active) {
            changedFiles.addAll(paths);
        }
    }

    /** What one round checks: these blocks, and every block of the files at these paths. */
    record Round(Set<Long> blockIds, Set<String> files) {
    }

    /** A finalized replica of the block was reported: an ordered copy (if any) arrived. */
    void replicaFinalized(long blockId) {
        pendingReplications.remove(blockId);
    }

    /**
     * The blocks this round checks, after marking those whose state moved with time: replicas
     * reported or dropped since the last round, holders that died or came back, ordered copies
     * now overdue.
     */
    Round takeRound(long nowMs) {
        Set<String> live = blockstores.live(nowMs).map(Blockstore::id).collect(Collectors.toSet());
        for (String id : symmetricDifference(live, liveAtLastRound)) {
            worklist.markAll(replicas.blocksOf(id));
        }
        liveAtLastRound = live;
        pendingReplications.entrySet().removeIf(e -> {
            if (e.getValue() < nowMs) {
                worklist.mark(e.getKey());
                return true;
            }
            return false;
        });
        worklist.markAll(replicas.drainChanged());
        Set<String> files = changedFiles;
        changedFiles = new HashSet<>();
        return new Round(worklist.take(replicas::blockIds), files);
    }

    /** A round whose owners could not be read: its blocks go to the next round. */
    void giveBack(Round round) {
        if (active) {
            worklist.giveBack(round.blockIds());
            changedFiles.addAll(round.files());
        }
    }

    /**
     * Acts on the owners found for a round's blocks (empty: no file has the block) and records
     * what each check found.
     */
    void plan(Map<Long, Optional<BlockOwner>> owners, long nowMs,
              Supplier<List<BlockPlacementPolicy.Candidate>> candidates) {
        if (!active) {
            return;
        }
        long round = worklist.rounds();
        Set<String> live = blockstores.live(nowMs).map(Blockstore::id).collect(Collectors.toSet());
        Set<String> retiring = decommissioning.ids();
        for (Map.Entry<Long, Optional<BlockOwner>> e : owners.entrySet()) {
            check(e.getKey(), e.getValue().orElse(null), nowMs, live, retiring, candidates);
        }
        Map<String, Integer> waiting = new HashMap<>();
        for (String id : retiring) {
            Long markedAt = retiringMarkedAt.get(id);
            if (markedAt != null && markedAt < round) {
                // every block it held when it started retiring has been checked since
                waiting.put(id, waitingOn.getOrDefault(id, Set.of()).size());
            }
        }
        decommissioning.counted(waiting);
    }

    private void check(long blockId, BlockOwner owner, long nowMs, Set<String> live, Set<String> retiring,
                       Supplier<List<BlockPlacementPolicy.Candidate>> candidates) {
        underReplicated.remove(blockId);
        missing.remove(blockId);
        waitingOn.values().forEach(blocks -> blocks.remove(blockId));
        Collection<Replica> held = List.copyOf(replicas.of(blockId).values());
        if (held.isEmpty()) {
            return; // no replica known: nothing to order
        }
        ReplicaPlan plan = ReplicaPlan.of(owner, held, live, retiring,
                id -> blockstores.isKnown(id) ? blockstores.get(id).storage.getRemainingBytes() : 0);
        if (owner != null && plan.good() < owner.replication()) {
            plan.retiring().forEach(id -> waitingOn.computeIfAbsent(id, k -> new HashSet<>()).add(blockId));
        }
        for (String id : plan.toDelete()) {
            // the order names the replica's own stamp: a newer replica written since is kept
            Replica r = replicas.remove(blockId, id);
            if (r != null) {
                orders.addDelete(id, BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(r.generationStamp())
                        .setNumBytes(r.numBytes()).build());
            }
        }
        if (plan.toAdd() > 0) {
            underReplicated.add(blockId);
            if (!pendingReplications.containsKey(blockId)) {
                orderReplication(owner, plan, nowMs, candidates.get());
            }
        }
        if (owner != null && !owner.beingWritten() && plan.sources().isEmpty()) {
            missing.add(blockId);
        }
    }

    private void orderReplication(BlockOwner owner, ReplicaPlan plan, long nowMs,
                                  List<BlockPlacementPolicy.Candidate> candidates) {
        long blockId = owner.recorded().getBlockId();
        List<String> targets = placement.choose(plan.toAdd(), owner.recorded().getNumBytes(), "", plan.holders(),
                candidates);
        if (targets.isEmpty()) {
            return;
        }
        String source = plan.sources().get(0);
        ReplicateOrder.Builder order = ReplicateOrder.newBuilder().setBlock(owner.recorded());
        targets.forEach(t -> order.addTargets(blockstores.get(t).location));
        orders.add(source, BlockOrder.newBuilder().setReplicate(order));
        pendingReplications.put(blockId, nowMs + pendingTimeoutMs);
        LOG.info("block {}: replication from {} to {} ordered", blockId, source, targets);
    }

    int underReplicated() {
        return underReplicated.size();
    }

    int missing() {
        return missing.size();
    }

    int pendingReplications() {
        return pendingReplications.size();
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        out.removeAll(both);
        return out;
    }
}
