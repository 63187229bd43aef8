package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A scan of {@code [from, to)} in one table over a native RocksDB iterator, for both committed
 * reads and batch reads.
 *
 * <p>Each entry is read and copied by {@link #hasNext()}; nothing native is touched between
 * calls. That matters for batch scans: RocksDB says an iterator over a WriteBatchWithIndex must
 * not be used after the batch changes (a rollback even frees the index it points into). So the
 * {@link Source} reports a version that changes on every write to the batch, and when it has
 * moved since the native iterator was opened, the scan drops that iterator unused and opens a
 * fresh one just after the last key it returned. A scan of a batch therefore sees writes made
 * during the scan to keys it has not reached yet, and callers may delete or overwrite the
 * entries they are iterating over. A committed scan's source never changes: its iterator keeps
 * the implicit snapshot taken when it was opened, a single point in time.
 *
 * <p>The upper bound is enforced here and also given to RocksDB, so RocksDB stops at it instead
 * of stepping over tombstones past the range.
 *
 * <p>Native calls run inside the store's read guard, so closing the store never frees the DB
 * under a running step; the store force-closes scans left open when it closes.
 */
final class RangeScan implements MetaReader.ScanIterator {
    /** Where native iterators come from. */
    interface Source {
        /** A new, unpositioned iterator over the table, honouring options' upper bound. */
        RocksIterator open(OpenDb db, ReadOptions options);

        /** Changes whenever an iterator opened earlier must no longer be used. */
        default long version() {
            return 0;
        }
    }

    private final RocksMetaStore store;
    private final Source source;
    private final byte[] from;
    private final byte[] to;
    private final ReadOptions options;
    private final Slice upperBound;

    private RocksIterator iterator;
    private long iteratorVersion;
    private boolean positioned;
    private byte[] lastKey;
    private KeyValue pending;
    private boolean exhausted;
    private boolean closed;
    private boolean closedByStore;

    RangeScan(RocksMetaStore store, Source source, byte[] fromInclusive, byte[] toExclusive) {
        this.store = store;
        this.source = source;
        this.from = Objects.requireNonNull(fromInclusive, "fromInclusive (use an empty array for the start)").clone();
        this.to = toExclusive == null ? null : toExclusive.clone();
        this.options = new ReadOptions();
        this.upperBound = to == null ? null : new Slice(to);
        if (upperBound != null) {
            options.setIterateUpperBound(upperBound);
        }
        this.exhausted = to != null && Arrays.compareUnsigned(from, to) >= 0;
    }

    @Override
    public boolean hasNext() {
        if (closedByStore) {
            throw new MetaStoreException("the metadata store was closed under this scan");
        }
        Invariants.check(!closed, "scan used after close");
        if (pending != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        OpenDb db = store.acquire();
        try {
            Invariants.check(!closed, "scan closed by the store while in use");
            advance(db);
            if (iterator.isValid()) {
                byte[] key = iterator.key();
                if (to == null || Arrays.compareUnsigned(key, to) < 0) {
                    pending = new KeyValue(key, iterator.value());
                    return true;
                }
            }
            iterator.status();
            exhausted = true;
            releaseNative();
            return false;
        } catch (RocksDBException e) {
            throw new MetaStoreException("scan failed", e);
        } finally {
            store.release();
        }
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue entry = pending;
        pending = null;
        // a copy: the caller owns the returned arrays and may change them
        lastKey = entry.key().clone();
        return entry;
    }

    /**
     * Opens the native iterator; the store calls this right after construction, inside its read
     * guard, so a committed scan's point in time is the call to scan().
     */
    void start(OpenDb db) {
        if (!exhausted) {
            reopen(db);
        }
    }

    /** Moves the native iterator to the first candidate after the last returned key. */
    private void advance(OpenDb db) {
        if (iterator == null || iteratorVersion != source.version()) {
            reopen(db);
        }
        if (positioned) {
            iterator.next();
            return;
        }
        positioned = true;
        if (lastKey == null) {
            iterator.seek(from);
        } else {
            iterator.seek(lastKey);
            if (iterator.isValid() && Arrays.equals(iterator.key(), lastKey)) {
                iterator.next();
            }
        }
    }

    /** Replaces the native iterator without touching the old one beyond closing it. */
    private void reopen(OpenDb db) {
        releaseNative();
        iteratorVersion = source.version();
        iterator = source.open(db, options);
        positioned = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        store.acquireForClose();
        try {
            closeNative(false);
        } finally {
            store.release();
        }
    }

    /**
     * Frees the native objects once. The store calls this under its exclusive guard, with
     * byStore true, for scans left open when it closes.
     */
    void closeNative(boolean byStore) {
        if (closed) {
            return;
        }
        closed = true;
        closedByStore = byStore;
        pending = null;
        releaseNative();
        if (upperBound != null) {
            upperBound.close();
        }
        options.close();
        store.forget(this);
    }

    private void releaseNative() {
        if (iterator != null) {
            iterator.close();
            iterator = null;
        }
    }
}
