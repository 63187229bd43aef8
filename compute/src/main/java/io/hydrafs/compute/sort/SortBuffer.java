package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.protocol.error.Invariants;

import java.util.Arrays;

/**
 * Map output held in memory until it is spilled: the bytes of every record in one arena,
 * plus a fixed-size index entry per record. Both count against the budget, so the buffer
 * never holds more than {@code budgetBytes} however small the records are.
 *
 * <p>{@link #add} refuses a record that does not fit; the caller then spills and adds again.
 * An empty buffer accepts any record, growing past its budget for it, so a single record
 * larger than the budget still goes through (spilled on its own at the next add).
 *
 * <p>Sorting orders by (partition, key); records with equal keys keep their arrival order.
 */
final class SortBuffer {
    /** Index bytes per record: partition, key offset, key length, value length. */
    static final int INDEX_BYTES_PER_RECORD = 16;

    private final long budgetBytes;
    private final KeyComparator comparator;
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int[] index = new int[64];
    private int count;
    private Integer[] sorted;
    private int[] partitionStarts;

    SortBuffer(long budgetBytes, KeyComparator comparator) {
        Invariants.check(budgetBytes > 0, "sort buffer budget must be positive");
        this.budgetBytes = budgetBytes;
        this.comparator = comparator;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Bytes used against the budget. */
    long usedBytes() {
        return (long) arenaUsed + (long) count * INDEX_BYTES_PER_RECORD;
    }

    /** Adds the record unless it would exceed the budget (an empty buffer always accepts). */
    boolean add(int partition, byte[] key, byte[] value) {
        long need = (long) key.length + value.length + INDEX_BYTES_PER_RECORD;
        if (count > 0 && usedBytes() + need > budgetBytes) {
            return false;
        }
        ensureArena(arenaUsed + key.length + value.length);
        if ((count + 1) * 4 > index.length) {
            index = Arrays.copyOf(index, index.length * 2);
        }
        int at = count * 4;
        index[at] = partition;
        index[at + 1] = arenaUsed;
        index[at + 2] = key.length;
        index[at + 3] = value.length;
        System.arraycopy(key, 0, arena, arenaUsed, key.length);
        System.arraycopy(value, 0, arena, arenaUsed + key.length, value.length);
        arenaUsed += key.length + value.length;
        count++;
        return true;
    }

    private void ensureArena(long needed) {
        Invariants.check(needed <= Integer.MAX_VALUE - 8, "sort buffer beyond 2 GiB");
        if (needed > arena.length) {
            long grown = Math.max(needed, Math.min((long) arena.length * 2, Math.max(budgetBytes, needed)));
            arena = Arrays.copyOf(arena, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
    }

    /**
     * Sorts the records by (partition, key) and returns where each partition starts in that
     * order: partition {@code p} is {@code [starts[p], starts[p+1])}. Read them with
     * {@link #sortedPartition}; adding records invalidates the order.
     */
    void sort(int partitions) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, this::compareRecords);  // stable: equal keys keep arrival order
        sorted = order;
        partitionStarts = new int[partitions + 1];
        int next = 0;
        for (int p = 0; p < partitions; p++) {
            partitionStarts[p] = next;
            while (next < count && index[order[next] * 4] == p) {
                next++;
            }
        }
        partitionStarts[partitions] = next;
        Invariants.check(next == count, "record with a partition outside [0, %d)", partitions);
    }

    /** The records of one partition in key order; valid until the buffer changes. */
    RecordSource sortedPartition(int partition) {
        Invariants.check(sorted != null && sorted.length == count, "sortedPartition before sort");
        int end = partitionStarts[partition + 1];
        int[] next = {partitionStarts[partition]};
        return () -> {
            if (next[0] >= end) {
                return null;
            }
            int at = sorted[next[0]++] * 4;
            int keyOffset = index[at + 1];
            int keyEnd = keyOffset + index[at + 2];
            return new RawRecord(Arrays.copyOfRange(arena, keyOffset, keyEnd),
                    Arrays.copyOfRange(arena, keyEnd, keyEnd + index[at + 3]));
        };
    }

    private int compareRecords(int a, int b) {
        int pa = index[a * 4];
        int pb = index[b * 4];
        if (pa != pb) {
            return Integer.compare(pa, pb);
        }
        return comparator.compare(arena, index[a * 4 + 1], index[a * 4 + 2], arena, index[b * 4 + 1], index[b * 4 + 2]);
    }

    void clear() {
        count = 0;
        sorted = null;
        arenaUsed = 0;
        if (arena.length > budgetBytes) {
            arena = new byte[4096];  // drop an arena grown for one oversized record
        }
    }
}
