package io.hydrafs.meta.blocks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blockstores being decommissioned, as the replicated state last described them, and for
 * each the blocks still waiting for a copy elsewhere as of the replication monitor's last round.
 * The set may name blockstores not heard of yet. Plain state: {@link BlockManager} guards it.
 */
final class DecommissioningSet {
    private final Set<String> ids = new TreeSet<>();
    /** The log index the set describes; an older description never replaces a newer one. */
    private long asOfIndex = -1;
    /** Absent: not counted since its decommissioning began. */
    private final Map<String, Integer> pending = new HashMap<>();

    /**
     * Replaces the set with {@code next}, the whole set as of {@code appliedIndex}, unless the
     * set already describes a later index. Returns the ids that started or ended decommissioning.
     */
    Set<String> replace(Set<String> next, long appliedIndex) {
        if (appliedIndex < asOfIndex) {
            return Set.of();
        }
        asOfIndex = appliedIndex;
        Set<String> changed = new TreeSet<>(ids);
        changed.addAll(next);
        changed.removeIf(id -> ids.contains(id) && next.contains(id));
        changed.forEach(pending::remove);  // the count of the previous rounds described another state
        ids.clear();
        ids.addAll(next);
        return changed;
    }

    boolean contains(String blockstoreId) {
        return ids.contains(blockstoreId);
    }

    Set<String> ids() {
        return Set.copyOf(ids);
    }

    /** The monitor's count for this round: blocks each decommissioning blockstore still holds alone. */
    void counted(Map<String, Integer> pendingByBlockstore) {
        pending.clear();
        pending.putAll(pendingByBlockstore);
    }

    /** The last count for a decommissioning blockstore, {@code notCounted} if none yet (or not decommissioning). */
    int pending(String blockstoreId, int notCounted) {
        return ids.contains(blockstoreId) ? pending.getOrDefault(blockstoreId, notCounted) : notCounted;
    }
}
