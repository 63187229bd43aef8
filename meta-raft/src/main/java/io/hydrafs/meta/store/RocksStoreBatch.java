package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * A {@link StoreBatch} over RocksDB's WriteBatchWithIndex: reads merge the batch's own writes
 * with the committed state ({@code getFromBatchAndDB}, {@code newIteratorWithBase}). Gets of
 * the tables the store's {@link CommittedCache} holds look at the batch's own latest write
 * ({@link PendingWrites}), then the cache, then RocksDB, without the batch index; the commit
 * hands those writes to the cache.
 *
 * <p>The index is built with overwrite-key semantics, so a key written twice holds its last
 * value and a rollback to a savepoint rebuilds the index to exactly the earlier writes. Every
 * change to the index bumps {@link #version}, which tells open scans their native iterator is
 * stale (see {@link RangeScan}). Savepoints are counted here so that an unbalanced rollback or
 * commit is reported as the caller's bug, not as RocksDB's "NotFound".
 *
 * <p>Not thread-safe: one thread at a time, like the Raft entry it belongs to.
 */
final class RocksStoreBatch implements StoreBatch {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final RocksMetaStore store;
    private final CommittedCache cache;
    private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
    private final PendingWrites pending = new PendingWrites();
    private final List<RangeScan> scans = new ArrayList<>();
    private State state = State.OPEN;
    private long version;
    private int savepoints;

    RocksStoreBatch(RocksMetaStore store, CommittedCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        checkReadable();
        Objects.requireNonNull(key, "key");
        if (cache.caches(table, key)) {
            return getCached(table, key);
        }
        OpenDb db = store.acquire();
        try {
            return batch.getFromBatchAndDB(db.db(), db.handle(table), db.readOptions(), key);
        } catch (RocksDBException e) {
            throw new MetaStoreException("get from " + table + " through a batch failed", e);
        } finally {
            store.release();
        }
    }

    private byte[] getCached(Table table, byte[] key) {
        TableKey cacheKey = TableKey.copyOf(table, key);
        byte[] own = pending.lookup(cacheKey);
        if (own != null) {
            return own == PendingWrites.DELETED ? null : own.clone();
        }
        byte[] cached = cache.get(cacheKey);
        if (cached != null) {
            return cached == CommittedCache.ABSENT ? null : cached.clone();
        }
        long stamp = cache.stamp();
        OpenDb db = store.acquire();
        try {
            byte[] value = db.db().get(db.handle(table), db.readOptions(), key);
            cache.fill(cacheKey, value, stamp);
            return value == null ? null : value.clone();
        } catch (RocksDBException e) {
            throw new MetaStoreException("get from " + table + " failed", e);
        } finally {
            store.release();
        }
    }

    @Override
    public ScanIterator scan(Table table, byte[] fromInclusive, byte[] toExclusive) {
        checkReadable();
        RangeScan scan = store.newScan(new RangeScan.Source() {
            @Override
            public RocksIterator open(OpenDb db, ReadOptions options) {
                ColumnFamilyHandle handle = db.handle(table);
                // the returned iterator owns (and closes) the base iterator
                return batch.newIteratorWithBase(handle, db.db().newIterator(handle, options), options);
            }

            @Override
            public long version() {
                return version;
            }
        }, fromInclusive, toExclusive);
        scans.add(scan);
        return scan;
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        checkWritable(table, key);
        Objects.requireNonNull(value, "value");
        OpenDb db = store.acquire();
        try {
            batch.put(db.handle(table), key, value);
            if (cache.caches(table, key)) {
                pending.put(TableKey.copyOf(table, key), value);
            }
            version++;
        } catch (RocksDBException e) {
            throw new MetaStoreException("put into a batch failed", e);
        } finally {
            store.release();
        }
    }

    @Override
    public void delete(Table table, byte[] key) {
        checkWritable(table, key);
        OpenDb db = store.acquire();
        try {
            batch.delete(db.handle(table), key);
            if (cache.caches(table, key)) {
                pending.delete(TableKey.copyOf(table, key));
            }
            store.tombstones().deleted(table);
            version++;
        } catch (RocksDBException e) {
            throw new MetaStoreException("delete in a batch failed", e);
        } finally {
            store.release();
        }
    }

    @Override
    public void setSavepoint() {
        checkOpen();
        batch.setSavePoint();
        pending.setSavepoint();
        savepoints++;
    }

    @Override
    public void rollbackToSavepoint() {
        checkOpen();
        Invariants.check(savepoints > 0, "rollbackToSavepoint without a savepoint");
        try {
            batch.rollbackToSavePoint();
        } catch (RocksDBException e) {
            throw new MetaStoreException("rollback to savepoint failed", e);
        }
        pending.rollbackToSavepoint();
        savepoints--;
        version++;
    }

    @Override
    public void releaseSavepoint() {
        checkOpen();
        Invariants.check(savepoints > 0, "releaseSavepoint without a savepoint");
        try {
            batch.popSavePoint();
        } catch (RocksDBException e) {
            throw new MetaStoreException("release of savepoint failed", e);
        }
        pending.releaseSavepoint();
        savepoints--;
    }

    @Override
    public int writeCount() {
        checkReadable();
        return batch.count();
    }

    /**
     * Adds the applied index to the batch, writes it all atomically, then updates the cache.
     * Called by the store with its writer lock and read guard held.
     */
    void commitTo(OpenDb db, AppliedIndex applied) {
        checkOpen();
        Invariants.check(savepoints == 0, "commit with %d savepoint(s) still set", savepoints);
        state = State.COMMITTED;
        try {
            batch.put(db.handle(Table.SYSTEM), AppliedIndex.STORAGE_KEY, applied.encode());
            version++;
            db.db().write(db.writeOptions(), batch);
        } catch (RocksDBException e) {
            throw new MetaStoreException("commit of the entry at " + applied + " failed", e);
        }
        cache.committed(pending.all());
    }

    boolean belongsTo(RocksMetaStore owner) {
        return store == owner;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        for (RangeScan scan : scans) {
            scan.close();
        }
        scans.clear();
        batch.close();
        store.batchClosed();
    }

    private void checkWritable(Table table, byte[] key) {
        checkOpen();
        Objects.requireNonNull(key, "key");
        Invariants.check(table != Table.SYSTEM || !AppliedIndex.isReservedSystemKey(key),
                "SYSTEM keys starting with 0x00 are reserved for the store");
    }

    private void checkOpen() {
        Invariants.check(state == State.OPEN, "batch is %s, not open for writes", state);
    }

    private void checkReadable() {
        Invariants.check(state != State.CLOSED, "batch used after close");
    }
}
