package io.hydrafs.meta.store;

import org.rocksdb.RocksDBException;

/**
 * Reads the committed state straight from RocksDB. A {@link #get} sees the latest commit; two
 * gets may straddle a commit. A {@link #scan} is one point in time: its iterator's implicit
 * snapshot. Stateless, shared by every thread.
 */
final class CommittedReader implements MetaReader {
    private final RocksMetaStore store;

    CommittedReader(RocksMetaStore store) {
        this.store = store;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        OpenDb db = store.acquire();
        try {
            return db.db().get(db.handle(table), db.readOptions(), key);
        } catch (RocksDBException e) {
            throw new MetaStoreException("get from " + table + " failed", e);
        } finally {
            store.release();
        }
    }

    @Override
    public ScanIterator scan(Table table, byte[] fromInclusive, byte[] toExclusive) {
        return store.newScan((db, options) -> db.db().newIterator(db.handle(table), options),
                fromInclusive, toExclusive);
    }
}
