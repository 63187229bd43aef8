package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the replicas of each block are, as reported by blockstores, and the pipeline handed to
 * the writer of a block being written (its expected locations until reports arrive). Soft state;
 * not thread-safe: {@link BlockManager} guards it.
 *
 * <p>Each blockstore's blocks are also indexed ({@code blocksOf}), so that a full report or a
 * restarted blockstore costs what that blockstore holds, not what the whole cluster holds: both
 * run under {@link BlockManager}'s lock, which every client call naming replicas also needs.
 *
 * <p>Invariants: no block maps to an empty set of replicas (a block with none is absent);
 * {@code blocksOf} holds exactly the (blockstore, block) pairs of {@code replicas}, and no
 * empty set.
 */
final class ReplicaMap {
    private final Map<Long, Map<String, Replica>> replicas = new HashMap<>();
    private final Map<String, Set<Long>> blocksOf = new HashMap<>();
    private final Map<Long, List<String>> expected = new HashMap<>();
    /** Blocks whose replicas changed since the last drain; null while not tracking. */
    private Set<Long> changed;

    /** Starts (forgetting earlier changes) or stops recording which blocks' replicas change. */
    void trackChanges(boolean on) {
        changed = on ? new HashSet<>() : null;
    }

    /** The blocks whose replicas were recorded, dropped or marked corrupt since the last drain. */
    Set<Long> drainChanged() {
        if (changed == null) {
            return Set.of();
        }
        Set<Long> out = changed;
        changed = new HashSet<>();
        return out;
    }

    private void changed(long blockId) {
        if (changed != null) {
            changed.add(blockId);
        }
    }

    /** Records a reported replica; a corrupt mark survives a report of the same stamp. */
    void record(String blockstoreId, ReplicaReport r) {
        put(blockstoreId, r, true);
    }

    /**
     * Makes {@code reported} the blockstore's whole set of replicas (a full report): records each
     * (clearing corrupt marks, as the blockstore's own account of its disks replaces ours) and
     * drops the replicas it no longer reports. Costs the report plus what the blockstore held.
     */
    void replaceAll(String blockstoreId, List<ReplicaReport> reported) {
        Set<Long> unreported = new HashSet<>(blocksOf.getOrDefault(blockstoreId, Set.of()));
        for (ReplicaReport r : reported) {
            put(blockstoreId, r, false);
            unreported.remove(r.getBlock().getBlockId());
        }
        for (long blockId : unreported) {
            remove(blockId, blockstoreId);
        }
    }

    private void put(String blockstoreId, ReplicaReport r, boolean keepCorruptMark) {
        BlockProto block = r.getBlock();
        Map<String, Replica> held = replicas.computeIfAbsent(block.getBlockId(), id -> new HashMap<>());
        Replica before = held.get(blockstoreId);
        boolean corrupt = keepCorruptMark && before != null && before.corrupt()
                && before.generationStamp() == block.getGenerationStamp();
        Replica now = new Replica(blockstoreId, block.getGenerationStamp(), block.getNumBytes(),
                r.getState() == ReplicaState.FINALIZED, corrupt);
        held.put(blockstoreId, now);
        blocksOf.computeIfAbsent(blockstoreId, id -> new HashSet<>()).add(block.getBlockId());
        if (!now.equals(before)) {
            changed(block.getBlockId()); // a periodic full report repeating what is known changes nothing
        }
    }

    private void unindex(String blockstoreId, long blockId) {
        Set<Long> ids = blocksOf.get(blockstoreId);
        Invariants.check(ids != null && ids.remove(blockId), "replica of block %d on %s was not indexed",
                blockId, blockstoreId);
        if (ids.isEmpty()) {
            blocksOf.remove(blockstoreId);
        }
    }

    /** Drops one blockstore's replica of a block; returns it, or null. */
    Replica remove(long blockId, String blockstoreId) {
        Map<String, Replica> held = replicas.get(blockId);
        if (held == null) {
            return null;
        }
        Replica r = held.remove(blockstoreId);
        if (r != null) {
            unindex(blockstoreId, blockId);
            changed(blockId);
        }
        if (held.isEmpty()) {
            replicas.remove(blockId);
        }
        return r;
    }

    /** Forgets every replica of a blockstore (a restarted process, before its full report). */
    void forgetBlockstore(String blockstoreId) {
        Set<Long> ids = blocksOf.remove(blockstoreId);
        if (ids == null) {
            return;
        }
        for (long blockId : ids) {
            Map<String, Replica> held = replicas.get(blockId);
            Invariants.check(held != null && held.remove(blockstoreId) != null,
                    "indexed replica of block %d on %s was not recorded", blockId, blockstoreId);
            changed(blockId);
            if (held.isEmpty()) {
                replicas.remove(blockId);
            }
        }
    }

    /** Forgets a block entirely; returns the blockstores that held it. */
    Set<String> removeBlock(long blockId) {
        expected.remove(blockId);
        Map<String, Replica> held = replicas.remove(blockId);
        if (held == null) {
            return Set.of();
        }
        held.keySet().forEach(id -> unindex(id, blockId));
        changed(blockId);
        return held.keySet();
    }

    /** The blocks of which the blockstore holds a replica. */
    Set<Long> blocksOf(String blockstoreId) {
        return Collections.unmodifiableSet(blocksOf.getOrDefault(blockstoreId, Set.of()));
    }

    /** Marks a replica corrupt if it has this stamp; returns whether it did. */
    boolean markCorrupt(BlockProto block, String blockstoreId) {
        Map<String, Replica> held = replicas.get(block.getBlockId());
        Replica r = held == null ? null : held.get(blockstoreId);
        if (r == null || r.generationStamp() != block.getGenerationStamp()) {
            return false;
        }
        held.put(blockstoreId, r.markCorrupt());
        changed(block.getBlockId());
        return true;
    }

    /** The replicas of a block (empty when none is known). */
    Map<String, Replica> of(long blockId) {
        return replicas.getOrDefault(blockId, Map.of());
    }

    boolean isKnown(long blockId) {
        return replicas.containsKey(blockId);
    }

    /** Every block with at least one replica (a copy: callers may change the map while walking it). */
    List<Long> blockIds() {
        return new ArrayList<>(replicas.keySet());
    }

    void expect(long blockId, List<String> targets) {
        expected.put(blockId, List.copyOf(targets));
    }

    List<String> expected(long blockId) {
        return expected.getOrDefault(blockId, List.of());
    }

    /** Blockstores holding or expected to hold the block. */
    Set<String> holders(long blockId) {
        Set<String> holders = new HashSet<>(of(blockId).keySet());
        holders.addAll(expected(blockId));
        return holders;
    }

    /** Replicas per blockstore id. */
    Map<String, Integer> countsPerBlockstore() {
        Map<String, Integer> counts = new HashMap<>();
        blocksOf.forEach((id, ids) -> counts.put(id, ids.size()));
        return counts;
    }
}
