package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the keys deleted from each range-scanned table since its memtable was last flushed for
 * that reason, and says when a table is due for a flush.
 *
 * <p>Why: a RocksDB delete leaves a tombstone that every scan over its key steps over until a
 * compaction drops it. The namespace writes little, so a memtable can hold hundreds of
 * thousands of tombstones for a long time; a directory whose 40,000 children were deleted took
 * 10 ms to list (empty) instead of 0.5 ms. A flush turns them into a table file in which
 * RocksDB's compact-on-deletion collector sees mostly deletions, so RocksDB compacts that file
 * (and only the files overlapping it) soon after, dropping the tombstones.
 *
 * <p>Only tables read by range scans are tracked (directory listings, open files per lease
 * holder): point lookups are not slowed by tombstones, and the retry cache's deletes are spread
 * over its whole key space, so flushing them would have RocksDB rewrite that table again and
 * again. A delete that a savepoint later rolled back is counted too; it only makes one flush
 * come a little early. Thread-safe.
 */
final class TombstoneTracker {
    /** The tables whose tombstones slow their readers: listed by prefix scans. */
    static final Set<Table> SCANNED = Set.of(Table.DENTRIES, Table.LEASES);

    private final long threshold;
    private final Map<Table, Long> deleted = new EnumMap<>(Table.class);

    TombstoneTracker(long threshold) {
        Invariants.check(threshold > 0, "tombstone threshold must be positive: %d", threshold);
        this.threshold = threshold;
    }

    synchronized void deleted(Table table) {
        if (SCANNED.contains(table)) {
            deleted.merge(table, 1L, Long::sum);
        }
    }

    /** The tables that reached the threshold; their counts start again at 0. */
    synchronized List<Table> takeDue() {
        List<Table> due = new ArrayList<>();
        deleted.entrySet().removeIf(e -> {
            if (e.getValue() < threshold) {
                return false;
            }
            due.add(e.getKey());
            return true;
        });
        return due;
    }
}
