package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.ArrayList;
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
 * <p>Invariant: no block maps to an empty set of replicas (a block with none is absent).
 */
final class ReplicaMap {
    private final Map<Long, Map<String, Replica>> replicas = new HashMap<>();
    private final Map<Long, List<String>> expected = new HashMap<>();

    /** Records a reported replica; a corrupt mark survives a report of the same stamp. */
    void record(String blockstoreId, ReplicaReport r) {
        BlockProto block = r.getBlock();
        Map<String, Replica> held = replicas.computeIfAbsent(block.getBlockId(), id -> new HashMap<>());
        Replica before = held.get(blockstoreId);
        boolean corrupt = before != null && before.corrupt() && before.generationStamp() == block.getGenerationStamp();
        held.put(blockstoreId, new Replica(blockstoreId, block.getGenerationStamp(), block.getNumBytes(),
                r.getState() == ReplicaState.FINALIZED, corrupt));
    }

    /** Drops one blockstore's replica of a block; returns it, or null. */
    Replica remove(long blockId, String blockstoreId) {
        Map<String, Replica> held = replicas.get(blockId);
        if (held == null) {
            return null;
        }
        Replica r = held.remove(blockstoreId);
        if (held.isEmpty()) {
            replicas.remove(blockId);
        }
        return r;
    }

    /** Forgets every replica of a blockstore (a restarted process, before its full report). */
    void forgetBlockstore(String blockstoreId) {
        replicas.values().removeIf(held -> {
            held.remove(blockstoreId);
            return held.isEmpty();
        });
    }

    /** Forgets a block entirely; returns the blockstores that held it. */
    Set<String> removeBlock(long blockId) {
        expected.remove(blockId);
        Map<String, Replica> held = replicas.remove(blockId);
        return held == null ? Set.of() : held.keySet();
    }

    /** Marks a replica corrupt if it has this stamp; returns whether it did. */
    boolean markCorrupt(BlockProto block, String blockstoreId) {
        Map<String, Replica> held = replicas.get(block.getBlockId());
        Replica r = held == null ? null : held.get(blockstoreId);
        if (r == null || r.generationStamp() != block.getGenerationStamp()) {
            return false;
        }
        held.put(blockstoreId, r.markCorrupt());
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
        replicas.values().forEach(held -> held.keySet().forEach(id -> counts.merge(id, 1, Integer::sum)));
        return counts;
    }
}
