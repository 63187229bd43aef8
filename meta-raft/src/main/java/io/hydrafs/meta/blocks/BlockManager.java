package io.hydrafs.meta.blocks;

import io.hydrafs.meta.statemachine.AppliedBlockEvents;
import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.HeartbeatResponse;
import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.block.RecoverOrder;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A meta node's soft state of the data path, rebuilt from blockstores' heartbeats and block
 * reports (never logged), and, on the leader, the orders that keep every block at its file's
 * replication. Every node keeps the state current so that a new leader is ready at once; only
 * the leader plans and hands out orders, each stamped with its term.
 *
 * <p>Readiness: a new leader does not act on replica counts until every live blockstore has
 * sent it a full report and {@code readyDelayMs} has passed, or it would "see" missing blocks
 * that are merely unreported.
 *
 * <p>Thread-safety: every method is synchronized; calls are short (no I/O inside).
 */
public final class BlockManager implements AppliedBlockEvents {
    private static final Logger LOG = LoggerFactory.getLogger(BlockManager.class);

    /** Looks up a block's owner in the namespace (empty = no file has this block). */
    @FunctionalInterface
    public interface OwnerLookup {
        /**
         * The owner of each block (empty: no file has it), and of every block of the files at
         * these paths (paths naming no file add nothing), read at one point in time. Fails when
         * the namespace cannot be read now; the round's blocks then wait for the next round.
         */
        Map<Long, Optional<BlockOwner>> owners(Collection<Long> blockIds, Collection<String> files)
                throws HydraException;
    }

    private final BlockPlacementPolicy placement;
    private final LongSupplier clockMs;
    private final long readyDelayMs;
    private final long createdMs;
    private final int maxOrdersPerHeartbeat;

    private final BlockstoreRegistry blockstores;
    private final ReplicaMap replicas = new ReplicaMap();

    private boolean leader;
    private long term;
    private long leaderSinceMs;
    private final OrderQueues orders = new OrderQueues();
    private final Map<Long, BlockProto> pendingRecoveries = new HashMap<>();
    private final Map<Long, Long> recoveryInodes = new HashMap<>();
    /** Blocks of pendingRecoveries whose recovery is a truncate's. */
    private final Set<Long> truncatingRecoveries = new HashSet<>();
    private final DecommissioningSet decommissioning = new DecommissioningSet();
    private final ReplicationMonitor monitor;

    /**
     * @param walkSlice how many blocks each replication round checks besides those whose state
     *                  changed (see {@link ReplicationWorklist})
     */
    public BlockManager(BlockPlacementPolicy placement, LongSupplier clockMs, long deadTimeoutMs,
                        long pendingTimeoutMs, long readyDelayMs, int maxOrdersPerHeartbeat, int walkSlice) {
        this.placement = placement;
        this.clockMs = clockMs;
        this.blockstores = new BlockstoreRegistry(deadTimeoutMs);
        this.readyDelayMs = readyDelayMs;
        this.createdMs = clockMs.getAsLong();
        this.maxOrdersPerHeartbeat = maxOrdersPerHeartbeat;
        this.monitor = new ReplicationMonitor(replicas, blockstores, decommissioning, orders, placement,
                pendingTimeoutMs, walkSlice);
    }

    // ---- leadership ----

    public synchronized void onLeader(long leaderTerm) {
        leader = true;
        term = leaderTerm;
        leaderSinceMs = clockMs.getAsLong();
        orders.clear();
        monitor.start();
    }

    public synchronized void onNotLeader() {
        leader = false;
        orders.clear();
        monitor.stop();
        pendingRecoveries.clear();
        recoveryInodes.clear();
        truncatingRecoveries.clear();
    }

    /** Whether this leader may act on replica counts (see class comment). */
    public synchronized boolean isReady() {
        long now = clockMs.getAsLong();
        if (!leader || now - leaderSinceMs < readyDelayMs) {
            return false;
        }
        return blockstores.everyLiveOneReported(now);
    }

    /**
     * Whether this node knows the data path well enough to answer clients about replicas and
     * pipeline targets: it has listened to heartbeats for {@code readyDelayMs} since it started
     * and holds a full report of every live blockstore it knows. A node that has just started
     * knows no blockstore at all; answering then would look like "no replica anywhere".
     */
    public synchronized boolean viewComplete() {
        long now = clockMs.getAsLong();
        return now - createdMs >= readyDelayMs && blockstores.everyLiveOneReported(now);
    }

    /** Live blockstores whose full report this node holds. */
    public synchronized int reportedBlockstores() {
        long now = clockMs.getAsLong();
        return (int) blockstores.live(now).filter(b -> b.fullReportReceived).count();
    }

    // ---- blockstore reports ----

    public synchronized HeartbeatResponse heartbeat(HeartbeatRequest request, long currentTerm) {
        Blockstore b = register(request.getBlockstore(), request.getStartTimeMs());
        b.storage = request.getStorage();
        HeartbeatResponse.Builder answer = HeartbeatResponse.newBuilder().setTerm(currentTerm).setLeader(leader)
                .setFullReportWanted(!b.fullReportReceived);
        if (leader) {
            answer.addAllOrders(orders.take(b.id(), maxOrdersPerHeartbeat, currentTerm));
        }
        return answer.build();
    }

    public synchronized void fullReport(FullBlockReportRequest request) {
        Blockstore b = register(request.getBlockstore(), request.getStartTimeMs());
        replicas.replaceAll(b.id(), request.getReplicasList());
        for (ReplicaReport r : request.getReplicasList()) {
            if (r.getState() == ReplicaState.FINALIZED) {
                monitor.replicaFinalized(r.getBlock().getBlockId());
            }
        }
        b.fullReportReceived = true;
    }

    public synchronized void incrementalReport(IncrementalBlockReportRequest request) {
        Blockstore b = register(request.getBlockstore(), request.getStartTimeMs());
        for (ReplicaReport r : request.getReceivedList()) {
            record(b.id(), r);
        }
        for (BlockProto d : request.getDeletedList()) {
            replicas.remove(d.getBlockId(), b.id());
        }
    }

    /** A reader or scanner found a replica's bytes not matching their checksums. */
    public synchronized void reportBadReplica(BlockProto block, String blockstoreId) {
        if (replicas.markCorrupt(block, blockstoreId)) {
            LOG.info("replica of block {} on {} reported corrupt", block.getBlockId(), blockstoreId);
        }
    }

    private Blockstore register(BlockstoreLocation location, long startTimeMs) {
        if (blockstores.heardFrom(location, startTimeMs, clockMs.getAsLong())) {
            replicas.forgetBlockstore(location.getId()); // reported by an earlier process: void now
        }
        return blockstores.get(location.getId());
    }

    private void record(String blockstoreId, ReplicaReport r) {
        replicas.record(blockstoreId, r);
        if (r.getState() == ReplicaState.FINALIZED) {
            monitor.replicaFinalized(r.getBlock().getBlockId());
        }
    }

    // ---- the namespace's events ----

    @Override
    public synchronized void blocksRemoved(List<BlockProto> blocks) {
        for (BlockProto block : blocks) {
            Set<String> held = replicas.removeBlock(block.getBlockId());
            if (leader) {
                for (String id : held) {
                    // block ids are never reused: any stamp of this id is garbage
                    orders.addDelete(id, block.toBuilder().setGenerationStamp(Long.MAX_VALUE).build());
                }
            }
        }
    }

    /** The block's pipeline as the leader handed it out (addBlock, updatePipeline, append). */
    public synchronized void expectLocations(long blockId, List<String> targets) {
        replicas.expect(blockId, targets);
    }

    /**
     * Lease recovery of the last block of {@code inodeId} started with {@code block}'s stamp; a
     * truncate's ({@code truncate}) cuts the replicas to {@code block}'s length.
     */
    public synchronized void startRecovery(long inodeId, BlockProto block, boolean truncate) {
        if (!leader) {
            return;
        }
        pendingRecoveries.put(block.getBlockId(), block);
        recoveryInodes.put(block.getBlockId(), inodeId);
        if (truncate) {
            truncatingRecoveries.add(block.getBlockId());
        } else {
            truncatingRecoveries.remove(block.getBlockId());
        }
        tryRecovery(block.getBlockId());
    }

    private void tryRecovery(long blockId) {
        BlockProto block = pendingRecoveries.get(blockId);
        long now = clockMs.getAsLong();
        List<BlockstoreLocation> live = holdersOf(blockId).stream().filter(id -> blockstores.isLive(id, now))
                .map(id -> blockstores.get(id).location).toList();
        if (live.isEmpty()) {
            return; // retried on later rounds, as reports arrive
        }
        pendingRecoveries.remove(blockId);
        // the order names the stamp of the latest pipeline (the newest reported below the
        // recovery stamp): replicas older than that were dropped from the pipeline and must not count
        long recoveryStamp = block.getGenerationStamp();
        long latestPipeline = replicas.of(blockId).values().stream()
                .mapToLong(Replica::generationStamp).filter(s -> s < recoveryStamp).max().orElse(0);
        RecoverOrder order = RecoverOrder.newBuilder().setInodeId(recoveryInodes.remove(blockId))
                .setTruncate(truncatingRecoveries.remove(blockId))
                .setBlock(block.toBuilder().setGenerationStamp(latestPipeline))
                .setNewGenerationStamp(recoveryStamp).addAllReplicas(live).build();
        orders.add(live.get(0).getId(), BlockOrder.newBuilder().setRecover(order));
        LOG.info("block {}: lease recovery ordered on {}", blockId, live.get(0).getId());
    }

    private Set<String> holdersOf(long blockId) {
        return replicas.holders(blockId);
    }

    // ---- placement, locations ----

    /** Targets for a new block (ids, pipeline order). */
    public synchronized List<String> chooseTargets(int replication, long blockSize, String writer,
                                                   Collection<String> excluded) {
        return placement.choose(replication, blockSize, writer, excluded, candidates());
    }

    private List<BlockPlacementPolicy.Candidate> candidates() {
        long now = clockMs.getAsLong();
        return blockstores.live(now).filter(b -> !decommissioning.contains(b.id()))
                .map(b -> new BlockPlacementPolicy.Candidate(b.id(), b.location.getRack(),
                        b.storage.getRemainingBytes()))
                .toList();
    }

    /** Fills {@code locations} for the block's {@code targets} (addBlock, updatePipeline). */
    public synchronized LocatedBlockProto withLocations(LocatedBlockProto block) {
        LocatedBlockProto.Builder out = block.toBuilder().clearLocations();
        for (String id : block.getTargetsList()) {
            Blockstore b = blockstores.get(id);
            if (b != null) {
                out.addLocations(b.location);
            }
        }
        return out.build();
    }

    /**
     * The replicas a reader should try, nearest first: the reader's own blockstore, then its
     * rack, then the rest; corrupt ones last. Live replicas with the recorded stamp (or newer,
     * during recovery) count; a block with no replica reported yet (being written) gets its
     * expected pipeline.
     */
    public synchronized LocatedBlockProto locate(LocatedBlockProto block, String readerNode) {
        long now = clockMs.getAsLong();
        long stamp = block.getBlock().getGenerationStamp();
        List<Replica> usable = new ArrayList<>(replicas.of(block.getBlock().getBlockId())
                .values().stream()
                .filter(r -> r.generationStamp() >= stamp)
                .filter(r -> blockstores.isLive(r.blockstoreId(), now))
                .toList());
        // equally near replicas in random order, so readers spread over the blockstores
        java.util.Collections.shuffle(usable, java.util.concurrent.ThreadLocalRandom.current());
        String readerRack = Optional.ofNullable(blockstores.get(readerNode)).map(b -> b.location.getRack()).orElse(null);
        List<String> ids = new ArrayList<>(usable.stream().sorted(Comparator
                .comparing((Replica r) -> r.corrupt())
                .thenComparing(r -> !r.blockstoreId().equals(readerNode))
                .thenComparing(r -> readerRack == null || !readerRack.equals(
                        blockstores.get(r.blockstoreId()).location.getRack())))
                .map(Replica::blockstoreId).toList());
        if (ids.isEmpty() && !replicas.isKnown(block.getBlock().getBlockId())) {
            // nothing reported yet (a block being written); reported replicas all on dead
            // blockstores mean the block is missing, and the old pipeline must not hide that
            ids.addAll(replicas.expected(block.getBlock().getBlockId()));
        }
        boolean allCorrupt = !usable.isEmpty() && usable.stream().allMatch(Replica::corrupt);
        return withLocations(block.toBuilder().clearTargets().addAllTargets(ids).setCorrupt(allCorrupt).build());
    }

    /**
     * Every live replica of the block whatever its stamp (append reopens replicas that still
     * carry the stamp before append's new one), finalized ones first.
     */
    public synchronized LocatedBlockProto locateAnyStamp(LocatedBlockProto block) {
        long now = clockMs.getAsLong();
        List<String> ids = replicas.of(block.getBlock().getBlockId()).values().stream()
                .filter(r -> !r.corrupt() && blockstores.isLive(r.blockstoreId(), now))
                .sorted(Comparator.comparing((Replica r) -> !r.finalized()))
                .map(Replica::blockstoreId).toList();
        return withLocations(block.toBuilder().clearTargets().addAllTargets(ids).build());
    }

    /** Whether a finalized replica of this block with this stamp has been reported (complete may go on). */
    public synchronized boolean hasFinalizedReplica(BlockProto block) {
        return replicas.of(block.getBlockId()).values().stream()
                .anyMatch(r -> r.finalized() && r.generationStamp() == block.getGenerationStamp());
    }

    // ---- the replication monitor's round ----

    /**
     * One round of the leader's monitor: plans replications and deletions for the blocks whose
     * state may have changed, and a slice of the rest ({@link ReplicationWorklist}).
     * The owners are looked up without this object's lock: a store read waits until the entries
     * already answered are committed, and the apply thread answering them needs this lock (to
     * record a new pipeline, say) before it commits. Holding the lock across the lookups stalled
     * both for the read's full timeout.
     */
    public void checkReplication(OwnerLookup owners) {
        ReplicationMonitor.Round round;
        synchronized (this) {
            if (!isReady()) {
                return;
            }
            round = monitor.takeRound(clockMs.getAsLong());
        }
        Map<Long, Optional<BlockOwner>> found;
        try {
            found = owners.owners(round.blockIds(), round.files());
        } catch (HydraException e) {
            LOG.debug("replication check skipped: {}", e.getMessage());
            giveBack(round);
            return;
        }
        planReplication(round, found);
    }

    private synchronized void giveBack(ReplicationMonitor.Round round) {
        monitor.giveBack(round);
    }

    /** Blocks reported or removed since their owners were looked up are marked for the next round. */
    private synchronized void planReplication(ReplicationMonitor.Round round, Map<Long, Optional<BlockOwner>> found) {
        if (!isReady()) {
            monitor.giveBack(round); // a blockstore appeared during the lookups (lost leadership cleared it)
            return;
        }
        long now = clockMs.getAsLong();
        for (Long blockId : new ArrayList<>(pendingRecoveries.keySet())) {
            tryRecovery(blockId);
        }
        monitor.plan(found, now, this::candidates);
    }

    // ---- decommissioning ----

    /**
     * The replicated set of blockstores being decommissioned changed; {@code ids} is the whole set
     * as of log index {@code appliedIndex}. A decommissioning blockstore gets no new block, and
     * its replicas stop counting as good so that each block is copied elsewhere (see
     * {@link ReplicaPlan}). Every node follows the set as entries apply, and a new leader also
     * loads it from its store ({@link #loadDecommissioning}); whichever of the two describes the
     * later index wins, so a load that read an older state cannot undo an applied change.
     */
    @Override
    public synchronized void decommissioningChanged(Set<String> ids, long appliedIndex) {
        Set<String> changed = decommissioning.replace(ids, appliedIndex);
        for (String id : changed) {
            LOG.info("blockstore {}: decommissioning {}", id, ids.contains(id) ? "started" : "ended");
        }
        monitor.retiringChanged(changed);
    }

    @Override
    public synchronized void filesChanged(Set<String> paths) {
        monitor.filesChanged(paths);
    }

    /** The set as read from the store, which had applied at least {@code appliedIndex}. */
    public void loadDecommissioning(Set<String> ids, long appliedIndex) {
        decommissioningChanged(ids, appliedIndex);
    }

    /** INVALID_ARGUMENT unless this node has heard of the blockstore. */
    public synchronized void requireKnown(String blockstoreId) throws HydraException {
        if (!blockstores.isKnown(blockstoreId)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "no blockstore '" + blockstoreId
                    + "' is known to this meta node (known: " + String.join(", ", blockstores.ids()) + ")");
        }
    }

    public synchronized boolean isDecommissioning(String blockstoreId) {
        return decommissioning.contains(blockstoreId);
    }

    /** Every blockstore this node has heard of, in order of first contact. */
    public synchronized List<BlockstoreState> blockstoreStates() {
        long now = clockMs.getAsLong();
        Map<String, Integer> replicaCounts = replicas.countsPerBlockstore();
        return blockstores.all().stream().map(b -> new BlockstoreState(b.location, blockstores.isLive(b, now),
                now - b.lastHeardMs, b.storage, replicaCounts.getOrDefault(b.id(), 0),
                decommissioning.contains(b.id()), decommissioning.pending(b.id(), BlockstoreState.NOT_COUNTED),
                b.startTimeMs, b.fullReportReceived)).toList();
    }

    // ---- figures ----

    public synchronized int liveBlockstores() {
        long now = clockMs.getAsLong();
        return (int) blockstores.live(now).count();
    }

    /** Every blockstore this node has heard of, in the order first heard. */
    public synchronized List<BlockstoreView> blockstoreViews() {
        long now = clockMs.getAsLong();
        List<BlockstoreView> views = new ArrayList<>();
        for (Blockstore b : blockstores.all()) {
            views.add(new BlockstoreView(b.id(), b.location.getHost(), b.location.getDataPort(), b.location.getRack(),
                    blockstores.isLive(b, now), decommissioning.contains(b.id()), now - b.lastHeardMs,
                    b.storage.getCapacityBytes(), b.storage.getUsedBytes(), b.storage.getRemainingBytes(),
                    b.storage.getFailedVolumes()));
        }
        return views;
    }

    /** The storage of the live blockstores, summed, as their last heartbeats said. */
    public synchronized StorageReport liveStorage() {
        StorageReport.Builder sum = StorageReport.newBuilder();
        blockstores.live(clockMs.getAsLong()).forEach(b -> sum
                .setCapacityBytes(sum.getCapacityBytes() + b.storage.getCapacityBytes())
                .setUsedBytes(sum.getUsedBytes() + b.storage.getUsedBytes())
                .setRemainingBytes(sum.getRemainingBytes() + b.storage.getRemainingBytes())
                .setActiveVolumes(sum.getActiveVolumes() + b.storage.getActiveVolumes())
                .setFailedVolumes(sum.getFailedVolumes() + b.storage.getFailedVolumes()));
        return sum.build();
    }

    public synchronized int deadBlockstores() {
        return blockstores.all().size() - liveBlockstores();
    }

    public synchronized int underReplicatedBlocks() {
        return monitor.underReplicated();
    }

    public synchronized int missingBlocks() {
        return monitor.missing();
    }

    public synchronized long ordersSent() {
        return orders.sent();
    }

    public synchronized int pendingReplications() {
        return monitor.pendingReplications();
    }

    /** For tests: the blockstores holding a replica of the block. */
    public synchronized Set<String> replicaHolders(long blockId) {
        return Set.copyOf(replicas.of(blockId).keySet());
    }
}
