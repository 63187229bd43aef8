package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The most recently used committed values of the point-read tables (absent keys included), so
 * that applying an entry does not ask RocksDB again for what the entries before it read or
 * wrote: the ancestors of every path, the namespace counters, a parent's inode.
 *
 * <p>Why: profiled under mkdir load, a third of the state machine's apply time on every node
 * was RocksDB point reads, mostly the memtable's skip-list search for the same few keys
 * (resolving {@code /bench/mkdir/t3} for each of thousands of mkdirs). HDFS keeps its whole
 * namespace on the heap; this keeps the hot part, bounded in entries.
 *
 * <p>Coherence: a commit updates the entries of every key it wrote ({@link #committed}) after
 * RocksDB has them and before the store advances its applied index, and a restore clears the
 * cache. A value read from RocksDB is added ({@link #fill}) only if no commit or clear happened
 * since the reader took its {@link #stamp()}, so a read that raced with a commit can never put
 * back the value the commit replaced. Thread-safe; in practice used by the apply thread only.
 */
final class CommittedCache {
    /**
     * Read by key while applying entries (COORDINATION for the current term, once an entry);
     * the other tables are scanned, or read once per key.
     */
    static final Set<Table> CACHED = EnumSet.of(Table.INODES, Table.DENTRIES, Table.SYSTEM, Table.COORDINATION);
    /** A key known to be absent from the committed state; compared by identity. */
    static final byte[] ABSENT = new byte[0];

    private final int capacity;
    private final LinkedHashMap<TableKey, byte[]> entries;
    /** Commits and clears so far: a fill taken before the latest one is dropped. */
    private long stamp;
    private long hits;
    private long misses;

    CommittedCache(int capacity) {
        Invariants.check(capacity >= 0, "cache capacity must not be negative: %d", capacity);
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TableKey, byte[]> eldest) {
                return size() > CommittedCache.this.capacity;
            }
        };
    }

    /** Whether gets of this key go through the cache. The store's own SYSTEM keys never do. */
    boolean caches(Table table, byte[] key) {
        return capacity > 0 && CACHED.contains(table)
                && !(table == Table.SYSTEM && AppliedIndex.isReservedSystemKey(key));
    }

    synchronized long stamp() {
        return stamp;
    }

    /** The committed value, {@link #ABSENT}, or null when not cached. Do not change the array. */
    synchronized byte[] get(TableKey key) {
        byte[] value = entries.get(key);
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return value;
    }

    /** Adds a value (null: absent) read from RocksDB after {@code stampBeforeRead} was taken. */
    synchronized void fill(TableKey key, byte[] value, long stampBeforeRead) {
        if (stampBeforeRead == stamp) {
            entries.put(key, value == null ? ABSENT : value);
        }
    }

    /** Records a commit's writes to cached tables ({@link PendingWrites#DELETED} for deletes). */
    synchronized void committed(Map<TableKey, byte[]> writes) {
        stamp++;
        for (Map.Entry<TableKey, byte[]> w : writes.entrySet()) {
            byte[] value = w.getValue();
            entries.put(w.getKey(), value == PendingWrites.DELETED ? ABSENT : value);
        }
    }

    /** Forgets everything: the committed state was replaced. */
    synchronized void clear() {
        stamp++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
