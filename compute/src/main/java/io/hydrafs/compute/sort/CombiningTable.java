package io.hydrafs.compute.sort;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.EmittingContext;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.protocol.error.Invariants;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Map output of a job with a combiner, grouped on arrival instead of sorted at the spill: a
 * hash table from (partition, serialised key) to that key's pending serialised values. When
 * a key has {@value #COMBINE_AT_VALUES} values pending the combiner runs on them in place and
 * its output replaces them, so a skewed key costs a few slots however often it is emitted.
 * When the estimated memory passes the budget every key is combined in place; only if that
 * does not free half the budget does the collector spill: the entries are sorted by
 * (partition, key) and every key's values go through {@link Combining} once more.
 *
 * <p>The combiner contract allows this: it may run any number of times on any subset of a
 * key's values. Keys group by their exact bytes, which the raw comparator never splits (keys
 * it calls equal but whose bytes differ stay apart here and meet at the spill's grouping).
 * In-place combiners are one instance per partition, set up on first use and cleaned up
 * before the spill; what they emit re-enters the table under its own key, in the same partition.
 * Counters: every value handed to a combiner is a combine input record, everything a combiner
 * emits a combine output record, here as at the spill.
 *
 * <p>A key whose combiner does not shrink its values (an identity combiner) combines at twice
 * the count each time, so in-place combining costs O(1) per value whatever the combiner does.
 */
final class CombiningTable<K, V> implements MapOutputBuffer {
    /** Values pending per key before the combiner runs on them in place. */
    static final int COMBINE_AT_VALUES = 16;
    /** Estimated heap per entry beyond its key bytes: the entry, arrays' headers, table slots. */
    static final int ENTRY_OVERHEAD_BYTES = 96;
    /** Estimated heap per pending value beyond its bytes: array header, slot in the entry. */
    static final int VALUE_OVERHEAD_BYTES = 32;
    private static final int INITIAL_SLOTS = 1024;

    private final MapOutputSpec<K, V> spec;
    private final long budgetBytes;
    private final Counters counters;
    private final Map<String, String> config;
    private final TaskAttemptId attempt;
    private Entry[] slots = new Entry[INITIAL_SLOTS];
    /** Each slot's entry's hash, 0 where empty. */
    private int[] slotHashes = new int[INITIAL_SLOTS];
    private int entries;
    private long usedBytes;
    /** In-place combiners by partition, null until used. */
    private final Object[] combiners;
    private boolean combining;
    /** Counted here and added to the counters at each sort: a map increment per record costs. */
    private long combineInputRecords;
    private long combineOutputRecords;
    private Entry[] sorted;
    private int[] partitionStarts;

    private static final class Entry {
        final int partition;
        final byte[] key;
        final int hash;
        byte[][] values = new byte[4][];
        int count;
        int combineAt = COMBINE_AT_VALUES;

        Entry(int partition, byte[] key, int hash) {
            this.partition = partition;
            this.key = key;
            this.hash = hash;
        }

        void append(byte[] value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = value;
        }
    }

    CombiningTable(MapOutputSpec<K, V> spec, long budgetBytes, Counters counters, Map<String, String> config,
                   TaskAttemptId attempt) {
        Invariants.check(spec.combiner() != null, "a combining table needs a combiner");
        Invariants.check(budgetBytes > 0, "map output budget must be positive");
        this.spec = spec;
        this.budgetBytes = budgetBytes;
        this.counters = counters;
        this.config = config;
        this.attempt = attempt;
        this.combiners = new Object[spec.partitions()];
    }

    /** Estimated heap held, against the budget. */
    long usedBytes() {
        return usedBytes;
    }

    /** Distinct (partition, key) entries held. */
    int entries() {
        return entries;
    }

    @Override
    public boolean isEmpty() {
        return entries == 0;
    }

    @Override
    public boolean add(int partition, byte[] key, byte[] value) throws IOException {
        return add(partition, key, value, true);
    }

    private boolean add(int partition, byte[] key, byte[] value, boolean mayCombineAll) throws IOException {
        Invariants.check(sorted == null, "add to a sorted combining table");
        int hash = hash(partition, key);
        int slot = find(partition, key, hash);
        Entry e = slots[slot];
        long need = (long) value.length + VALUE_OVERHEAD_BYTES + (e == null ? key.length + ENTRY_OVERHEAD_BYTES : 0);
        if (entries > 0 && usedBytes + need > budgetBytes) {
            // spill only when combining what is held cannot make room: with few distinct keys a
            // map task then writes each key once, in one spill
            return mayCombineAll && combineAll() && add(partition, key, value, false);
        }
        if (e == null) {
            e = insertAt(slot, partition, key, hash);
        }
        e.append(value);
        usedBytes += value.length + VALUE_OVERHEAD_BYTES;
        if (e.count >= e.combineAt) {
            combineInPlace(e);
        }
        return true;
    }

    /** Never 0, which marks an empty slot in {@link #slotHashes}. */
    private static int hash(int partition, byte[] key) {
        // short keys' Arrays.hashCode varies little in its low bits, which pick the slot: mix them
        int h = (Arrays.hashCode(key) * 31 + partition) * 0x9E3779B9;
        h ^= h >>> 15;
        return h == 0 ? 1 : h;
    }

    /**
     * The slot holding (partition, key), or the empty slot where it belongs. Probing reads the
     * hashes array alone; an entry (two cache misses away) is only visited when its hash matches.
     */
    private int find(int partition, byte[] key, int hash) {
        int mask = slotHashes.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int h = slotHashes[i];
            if (h == 0) {
                return i;
            }
            if (h == hash) {
                Entry e = slots[i];
                if (e.partition == partition && Arrays.equals(e.key, key)) {
                    return i;
                }
            }
        }
    }

    private Entry insertAt(int slot, int partition, byte[] key, int hash) {
        Entry e = new Entry(partition, key, hash);
        slots[slot] = e;
        slotHashes[slot] = hash;
        entries++;
        usedBytes += key.length + ENTRY_OVERHEAD_BYTES;
        if (entries * 2 > slots.length) {
            rehash();
        }
        return e;
    }

    private void rehash() {
        Entry[] old = slots;
        slots = new Entry[old.length * 2];
        slotHashes = new int[slots.length];
        int mask = slots.length - 1;
        for (Entry e : old) {
            if (e != null) {
                int i = e.hash & mask;
                while (slotHashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = e;
                slotHashes[i] = e.hash;
            }
        }
    }

    /** Re-enters a combiner's output, ignoring the budget (the caller is mid-combine). */
    private void reenter(int partition, byte[] key, byte[] value) {
        int hash = hash(partition, key);
        int slot = find(partition, key, hash);
        Entry e = slots[slot] != null ? slots[slot] : insertAt(slot, partition, key, hash);
        e.append(value);
        usedBytes += value.length + VALUE_OVERHEAD_BYTES;
    }

    /** Combines every key holding more than one value; true when that freed half the budget. */
    private boolean combineAll() throws IOException {
        for (Entry e : slots.clone()) {  // re-entered output may rehash the table
            if (e != null && e.count > 1) {
                combineInPlace(e);
            }
        }
        return usedBytes <= budgetBytes / 2;
    }

    private void combineInPlace(Entry e) throws IOException {
        byte[][] values = e.values;
        int n = e.count;
        e.values = new byte[4][];
        e.count = 0;
        for (int i = 0; i < n; i++) {
            usedBytes -= values[i].length + VALUE_OVERHEAD_BYTES;
        }
        combining = true;
        try {
            combiner(e.partition).reduce(spec.keySerde().fromBytes(e.key), deserialised(values, n),
                    context(e.partition));
        } finally {
            combining = false;
        }
        combineInputRecords += n;
        if (e.count * 2 > n) {
            e.combineAt = Math.max(e.combineAt, e.count * 2);  // the combiner barely shrinks this key
        }
    }

    @SuppressWarnings("unchecked")
    private Reducer<K, V, K, V> combiner(int partition) throws IOException {
        Reducer<K, V, K, V> c = (Reducer<K, V, K, V>) combiners[partition];
        if (c == null) {
            c = spec.combiner().get();
            combiners[partition] = c;
            c.setup(context(partition));
        }
        return c;
    }

    private EmittingContext<K, V> context(int partition) {
        return new EmittingContext<>((k, v) -> {
            Invariants.check(combining, "combiner emitted outside reduce or cleanup");
            reenter(partition, spec.keySerde().toBytes(k), spec.valueSerde().toBytes(v));
            combineOutputRecords++;
        }, counters, config, attempt);
    }

    private Iterable<V> deserialised(byte[][] values, int n) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public V next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return spec.valueSerde().fromBytes(values[next++]);
            }
        };
    }

    @Override
    public void sort(int partitions) throws IOException {
        Invariants.check(partitions == spec.partitions(), "sorted into %d partitions of %d", partitions,
                spec.partitions());
        finishInPlaceCombiners();
        counters.increment(TaskCounter.COMBINE_INPUT_RECORDS, combineInputRecords);
        counters.increment(TaskCounter.COMBINE_OUTPUT_RECORDS, combineOutputRecords);
        combineInputRecords = 0;
        combineOutputRecords = 0;
        Entry[] all = new Entry[entries];
        int n = 0;
        for (Entry e : slots) {
            if (e != null && e.count > 0) {
                all[n++] = e;
            }
        }
        all = Arrays.copyOf(all, n);
        Arrays.sort(all, Comparator.<Entry>comparingInt(e -> e.partition)
                .thenComparing((a, b) -> spec.comparator().compare(a.key, b.key)));
        partitionStarts = new int[partitions + 1];
        int next = 0;
        for (int p = 0; p < partitions; p++) {
            partitionStarts[p] = next;
            while (next < n && all[next].partition == p) {
                next++;
            }
        }
        partitionStarts[partitions] = next;
        sorted = all;
    }

    private void finishInPlaceCombiners() throws IOException {
        combining = true;
        try {
            for (int p = 0; p < combiners.length; p++) {
                @SuppressWarnings("unchecked")
                Reducer<K, V, K, V> c = (Reducer<K, V, K, V>) combiners[p];
                if (c != null) {
                    combiners[p] = null;
                    c.cleanup(context(p));
                }
            }
        } finally {
            combining = false;
        }
    }

    @Override
    public long spillPartition(int partition, RunWriter out, Combining<?, ?> combining) throws IOException {
        Invariants.check(sorted != null, "spill before sort");
        int end = partitionStarts[partition + 1];
        int[] at = {partitionStarts[partition], 0};
        RecordSource records = () -> {
            while (at[0] < end) {
                Entry e = sorted[at[0]];
                if (at[1] < e.count) {
                    return new RawRecord(e.key, e.values[at[1]++]);
                }
                at[0]++;
                at[1] = 0;
            }
            return null;
        };
        return combining.write(records, out);
    }

    @Override
    public void clear() {
        slots = new Entry[INITIAL_SLOTS];
        slotHashes = new int[INITIAL_SLOTS];
        entries = 0;
        usedBytes = 0;
        sorted = null;
        partitionStarts = null;
        Arrays.fill(combiners, null);
    }
}
