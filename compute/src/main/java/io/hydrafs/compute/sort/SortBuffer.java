package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.protocol.error.Invariants;

import java.io.IOException;
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
 * <p>Sorting orders by (partition, key); records with equal keys keep their arrival order. Each
 * record caches a long: the partition, and for the default unsigned byte order the key's
 * first four bytes, so most comparisons never touch the arena. Where that long and the
 * record's index fit in 63 bits, a primitive sort of packed longs does most of the work;
 * otherwise a merge sort of an int permutation (no boxing) compares the cached longs first.
 * Only equal prefixes fall back to the comparator.
 */
final class SortBuffer implements MapOutputBuffer {
    /**
     * Index bytes per record: key offset, key length and value length (ints), the sort prefix
     * (a long), and the sort's packed longs and permutation (or permutation and scratch).
     */
    static final int INDEX_BYTES_PER_RECORD = 32;
    private static final int INSERTION_SORT_RUN = 16;

    private final long budgetBytes;
    private final KeyComparator comparator;
    /** Whether the key prefix decides order where it differs (true for unsigned byte order). */
    private final boolean prefixOrdersKeys;
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int[] index = new int[48];
    private long[] prefixes = new long[16];
    private int count;
    private int[] sorted;
    private int[] partitionStarts;

    SortBuffer(long budgetBytes, KeyComparator comparator) {
        Invariants.check(budgetBytes > 0, "sort buffer budget must be positive");
        this.budgetBytes = budgetBytes;
        this.comparator = comparator;
        this.prefixOrdersKeys = comparator == KeyComparator.UNSIGNED_BYTES;
    }

    int size() {
        return count;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    /** Bytes used against the budget. */
    long usedBytes() {
        return (long) arenaUsed + (long) count * INDEX_BYTES_PER_RECORD;
    }

    /** Adds the record unless it would exceed the budget (an empty buffer always accepts). */
    @Override
    public boolean add(int partition, byte[] key, byte[] value) {
        long need = (long) key.length + value.length + INDEX_BYTES_PER_RECORD;
        if (count > 0 && usedBytes() + need > budgetBytes) {
            return false;
        }
        ensureArena(arenaUsed + key.length + value.length);
        if (count == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, count * 2);
            index = Arrays.copyOf(index, count * 2 * 3);
        }
        int at = count * 3;
        index[at] = arenaUsed;
        index[at + 1] = key.length;
        index[at + 2] = value.length;
        prefixes[count] = ((long) partition << 32) | (prefixOrdersKeys ? prefix(key) : 0);
        System.arraycopy(key, 0, arena, arenaUsed, key.length);
        System.arraycopy(value, 0, arena, arenaUsed + key.length, value.length);
        arenaUsed += key.length + value.length;
        count++;
        return true;
    }

    /**
     * The first four key bytes as an unsigned big-endian number, missing bytes as 0. Where two
     * prefixes differ, unsigned byte order of the keys is the order of the prefixes (a zero
     * pad only ties with a real 0x00 byte, and a tie defers to the full comparison).
     */
    private static long prefix(byte[] key) {
        long p = 0;
        for (int i = 0; i < 4; i++) {
            p = (p << 8) | (i < key.length ? key[i] & 0xff : 0);
        }
        return p;
    }

    private void ensureArena(long needed) {
        Invariants.check(needed <= Integer.MAX_VALUE - 8, "sort buffer beyond 2 GiB");
        if (needed > arena.length) {
            long grown = Math.max(needed, Math.min((long) arena.length * 2, Math.max(budgetBytes, needed)));
            arena = Arrays.copyOf(arena, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
    }

    /**
     * Sorts the records by (partition, key) and notes where each partition starts in that
     * order. Read them with {@link #sortedPartition} or {@link #spillPartition}; adding
     * records invalidates the order.
     */
    @Override
    public void sort(int partitions) {
        int[] order = packedSort(partitions);
        if (order == null) {
            order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            mergeSort(order, 0, count, new int[count]);
        }
        sorted = order;
        partitionStarts = new int[partitions + 1];
        int next = 0;
        for (int p = 0; p < partitions; p++) {
            partitionStarts[p] = next;
            while (next < count && partitionOf(order[next]) == p) {
                next++;
            }
        }
        partitionStarts[partitions] = next;
        Invariants.check(next == count, "record with a partition outside [0, %d)", partitions);
    }

    /**
     * The fast path, when (partition, key prefix, arrival index) fit in one non-negative long:
     * a primitive sort of those longs orders by partition and prefix, and among equal ones by
     * arrival. Only runs of equal (partition, prefix) then need the full comparator, and a
     * stable sort of each such run keeps arrival order among equal keys. Null when the
     * numbers do not fit (then the merge sort over all records does the work).
     */
    private int[] packedSort(int partitions) {
        int indexBits = bitsFor(count);
        int prefixBits = prefixOrdersKeys ? 32 : 0;
        if (indexBits + prefixBits + bitsFor(partitions) > 63) {
            return null;
        }
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            long partition = prefixes[i] >>> 32;
            long prefix = prefixes[i] & 0xffff_ffffL;
            packed[i] = (((partition << prefixBits) | prefix) << indexBits) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[count];
        long indexMask = (1L << indexBits) - 1;
        for (int i = 0; i < count; i++) {
            order[i] = (int) (packed[i] & indexMask);
        }
        int[] scratch = null;
        for (int lo = 0; lo < count; ) {
            long group = packed[lo] >>> indexBits;
            int hi = lo + 1;
            while (hi < count && packed[hi] >>> indexBits == group) {
                hi++;
            }
            if (hi - lo > 1) {
                if (scratch == null) {
                    scratch = new int[count];
                }
                mergeSort(order, lo, hi, scratch);  // the run is in arrival order, so stable
            }
            lo = hi;
        }
        return order;
    }

    /** Bits that hold every number in [0, n). */
    private static int bitsFor(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, n - 1)));
    }

    private int partitionOf(int record) {
        return (int) (prefixes[record] >>> 32);
    }

    /** Bottom-up stable merge sort of a[lo, hi): insertion-sorted runs, then merges ping-ponging with scratch. */
    private void mergeSort(int[] a, int from0, int to0, int[] scratch) {
        for (int lo = from0; lo < to0; lo += INSERTION_SORT_RUN) {
            int hi = Math.min(lo + INSERTION_SORT_RUN, to0);
            for (int i = lo + 1; i < hi; i++) {
                int r = a[i];
                int j = i - 1;
                while (j >= lo && compareRecords(a[j], r) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = r;
            }
        }
        int[] from = a;
        int[] to = scratch;
        for (int width = INSERTION_SORT_RUN; width < to0 - from0; width *= 2) {
            for (int lo = from0; lo < to0; lo += 2 * width) {
                int mid = Math.min(lo + width, to0);
                int hi = Math.min(lo + 2 * width, to0);
                merge(from, to, lo, mid, hi);
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != a) {
            System.arraycopy(from, from0, a, from0, to0 - from0);
        }
    }

    private void merge(int[] from, int[] to, int lo, int mid, int hi) {
        if (mid >= hi || compareRecords(from[mid - 1], from[mid]) <= 0) {
            System.arraycopy(from, lo, to, lo, hi - lo);  // already in order (or one run only)
            return;
        }
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            // taking the left run on ties keeps the sort stable
            if (j >= hi || (i < mid && compareRecords(from[i], from[j]) <= 0)) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
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
            int at = sorted[next[0]++] * 3;
            int keyOffset = index[at];
            int keyEnd = keyOffset + index[at + 1];
            return new RawRecord(Arrays.copyOfRange(arena, keyOffset, keyEnd),
                    Arrays.copyOfRange(arena, keyEnd, keyEnd + index[at + 2]));
        };
    }

    @Override
    public long spillPartition(int partition, RunWriter out, Combining<?, ?> combining) throws IOException {
        return combining.combines() ? combining.write(sortedPartition(partition), out) : writePartition(partition, out);
    }

    /** Writes one partition's records in key order straight from the arena; returns how many. */
    private long writePartition(int partition, RunWriter out) throws IOException {
        Invariants.check(sorted != null && sorted.length == count, "writePartition before sort");
        int end = partitionStarts[partition + 1];
        for (int i = partitionStarts[partition]; i < end; i++) {
            int at = sorted[i] * 3;
            int keyOffset = index[at];
            int keyLength = index[at + 1];
            out.write(arena, keyOffset, keyLength, arena, keyOffset + keyLength, index[at + 2]);
        }
        return end - partitionStarts[partition];
    }

    private int compareRecords(int a, int b) {
        int c = Long.compare(prefixes[a], prefixes[b]);
        if (c != 0) {
            return c;
        }
        int at = a * 3;
        int bt = b * 3;
        return comparator.compare(arena, index[at], index[at + 1], arena, index[bt], index[bt + 1]);
    }

    @Override
    public void clear() {
        count = 0;
        sorted = null;
        arenaUsed = 0;
        if (arena.length > budgetBytes) {
            arena = new byte[4096];  // drop an arena grown for one oversized record
        }
    }
}
