package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store of a meta node: one RocksDB database, one column family per {@link Table},
 * plus the Raft applied index kept in the same database so that data and index never disagree.
 *
 * <h2>Write protocol</h2>
 * The state machine applies one Raft entry as one {@link StoreBatch}, then calls
 * {@link #commit}, which adds the entry's (term, index) under a reserved key of
 * {@link Table#SYSTEM} (see {@link AppliedIndex#STORAGE_KEY}) and writes everything as one
 * atomic RocksDB WriteBatch. Entries with no data (Raft configuration entries) go through
 * {@link #markApplied}. The applied index must strictly increase; anything else is a bug and
 * fails {@link Invariants#check}. On restart, replay entries above {@link #appliedIndex()} and
 * skip those at or below it.
 *
 * <h2>Durability: what survives which crash</h2>
 * Writes go through RocksDB's WAL without fsync.
 * <ul>
 *   <li>Process crash (kill -9, JVM abort, OOM): nothing is lost. Each commit has reached the
 *       OS page cache before commit returns; reopening replays the WAL.</li>
 *   <li>Power loss or kernel crash: the last commits may be lost, but RocksDB recovers a
 *       consistent prefix of the commits (point-in-time WAL recovery), and because the applied
 *       index is written in the same batch it names exactly that prefix. The Raft log, which
 *       Ratis fsyncs, replays the rest. State is never older than the last
 *       {@link #checkpoint}, whose flush made its data durable, so Raft may purge its log up to
 *       the latest checkpoint's index but not beyond.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * One writer thread (Raft apply) and many concurrent readers.
 * <ul>
 *   <li>{@link #reader()} and its scans: any thread, concurrently with everything.</li>
 *   <li>A {@link StoreBatch}: one thread at a time.</li>
 *   <li>{@link #commit}, {@link #markApplied}, {@link #checkpoint}, {@link #restoreFrom} are
 *       serialized with each other by a writer lock, so a checkpoint's applied index is exact.</li>
 *   <li>{@link #restoreFrom} and {@link #close} wait for native calls in progress to finish
 *       (a read guard around every native call) so a closing DB is never used; afterwards calls
 *       fail with {@link MetaStoreException}.</li>
 * </ul>
 * Before {@link #restoreFrom}, every scan and batch must be closed (pause the state machine and
 * its readers first); it fails as a bug otherwise. {@link #close} instead force-closes scans
 * left open, with a warning, since shutdown paths cannot always unwind their readers.
 */
public final class RocksMetaStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksMetaStore.class);
    /**
     * Fewer tombstones than this stay in a listed table's memtable: measured, a scan steps over
     * one in ~0.1 µs, so at most ~1 ms more for a listing over all of them. Lower would have
     * RocksDB compact (rewrite the files around the deletes) more often.
     */
    static final long DEFAULT_TOMBSTONE_FLUSH_THRESHOLD = 4_096;
    /**
     * Entries of the {@link CommittedCache}: a few hundred bytes each, so ~20 MB when full;
     * far more than the ancestors and counters that make up its hits.
     */
    public static final int DEFAULT_CACHE_ENTRIES = 65_536;

    private final StoreDirectories directories;
    private final CommittedReader reader = new CommittedReader(this);
    /** Read side: around each native call. Write side: swapping or closing the DB. */
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
    /** Serializes the writers of the applied index and checkpoints. */
    private final Object writerLock = new Object();
    private final Set<RangeScan> openScans = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openBatches = new AtomicInteger();
    private final TombstoneTracker tombstones;
    private final CommittedCache cache;

    /** Null once closed, or after a restore failed half-way. Guarded by {@link #guard}. */
    private OpenDb db;
    private volatile AppliedIndex applied;

    private RocksMetaStore(StoreDirectories directories, OpenDb db, long tombstoneFlushThreshold, int cacheEntries) {
        this.directories = directories;
        this.db = db;
        this.tombstones = new TombstoneTracker(tombstoneFlushThreshold);
        this.cache = new CommittedCache(cacheEntries);
        this.applied = db.readAppliedIndex();
    }

    /**
     * Opens (creating if absent) the store in dir, which the store owns: the database lives in
     * {@code dir/db}, and a restore interrupted by a crash is finished or undone first.
     */
    public static RocksMetaStore open(Path dir) throws MetaStoreException {
        return open(dir, DEFAULT_TOMBSTONE_FLUSH_THRESHOLD, DEFAULT_CACHE_ENTRIES);
    }

    /**
     * As {@link #open(Path)}; a range-scanned table's memtable is flushed after every
     * {@code tombstoneFlushThreshold} deletes from it (see {@link TombstoneTracker}), and the
     * apply path caches up to {@code cacheEntries} committed values (0: none; see
     * {@link CommittedCache}).
     */
    public static RocksMetaStore open(Path dir, long tombstoneFlushThreshold, int cacheEntries) throws MetaStoreException {
        StoreDirectories directories = new StoreDirectories(dir);
        directories.recover();
        OpenDb db = OpenDb.open(directories.live());
        try {
            RocksMetaStore store = new RocksMetaStore(directories, db, tombstoneFlushThreshold, cacheEntries);
            LOG.info("opened metadata store {} at applied index {}", dir, store.applied);
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A read view of committed state, for any thread. A get reads the latest commit (no
     * snapshot: two gets may straddle a commit); a scan is one point in time, fixed when
     * {@code scan()} is called.
     */
    public MetaReader reader() {
        return reader;
    }

    /** A new batch reading its own writes over committed state. Close it when done. */
    public StoreBatch newBatch() {
        acquire();
        try {
            openBatches.incrementAndGet();
            return new RocksStoreBatch(this, cache);
        } finally {
            release();
        }
    }

    /**
     * Atomically writes the batch and the applied (term, index), with the entry's batch time
     * ({@link AppliedIndex#batchTimeMs}). The index must be greater than the stored one, the term
     * no smaller, and the batch's savepoints balanced. The batch accepts no more writes
     * afterwards; the caller still closes it.
     */
    public void commit(StoreBatch batch, long term, long index, long batchTimeMs) {
        Invariants.check(batch instanceof RocksStoreBatch b && b.belongsTo(this),
                "batch does not belong to this store");
        synchronized (writerLock) {
            AppliedIndex next = applied.next(term, index, batchTimeMs);
            OpenDb current = acquire();
            try {
                ((RocksStoreBatch) batch).commitTo(current, next);
                for (Table table : tombstones.takeDue()) {
                    current.requestFlush(table);
                }
            } finally {
                release();
            }
            applied = next;
        }
    }

    TombstoneTracker tombstones() {
        return tombstones;
    }

    /** Records an applied (term, index) that wrote nothing else, e.g. a Raft configuration entry. */
    public void markApplied(long term, long index) {
        synchronized (writerLock) {
            AppliedIndex next = applied.next(term, index, 0);
            OpenDb current = acquire();
            try {
                current.db().put(current.handle(Table.SYSTEM), current.writeOptions(),
                        AppliedIndex.STORAGE_KEY, next.encode());
            } catch (RocksDBException e) {
                throw new MetaStoreException("cannot record applied index " + next, e);
            } finally {
                release();
            }
            applied = next;
        }
    }

    /** The last committed (term, index); {@link AppliedIndex#NONE} for a fresh store. Any thread. */
    public AppliedIndex appliedIndex() {
        return applied;
    }

    /**
     * Writes a RocksDB checkpoint (SST files hard-linked, memtables flushed) into dir, which
     * must not exist; its parent is created if needed. Commits wait while the checkpoint is
     * cut (the bulk of the flush happens before, without blocking them), so the returned
     * index describes exactly the checkpoint's contents.
     */
    public AppliedIndex checkpoint(Path dir) {
        Invariants.check(!Files.exists(dir), "checkpoint directory %s already exists", dir);
        try {
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new MetaStoreException("cannot create the parent of " + dir, e);
        }
        flushAllTables();
        synchronized (writerLock) {
            OpenDb current = acquire();
            try (Checkpoint checkpoint = Checkpoint.create(current.db())) {
                // flushes again what arrived since flushAllTables, then links the files
                checkpoint.createCheckpoint(dir.toString());
                return applied;
            } catch (RocksDBException e) {
                throw new MetaStoreException("cannot write checkpoint " + dir, e);
            } finally {
                release();
            }
        }
    }

    private void flushAllTables() {
        OpenDb current = acquire();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            current.db().flush(flush, current.tableHandles());
        } catch (RocksDBException e) {
            throw new MetaStoreException("cannot flush memtables", e);
        } finally {
            release();
        }
    }

    /**
     * Replaces the live database with a copy of a checkpoint (typically one installed by a Raft
     * snapshot), crash-safely: see {@link StoreDirectories}. The checkpoint directory is left
     * intact. Every scan and batch must be closed first. Afterwards {@link #appliedIndex()} is
     * the checkpoint's. If the swap itself fails the store is left closed and the error is
     * fatal; reopening finishes or undoes the swap.
     */
    public void restoreFrom(Path checkpointDir) {
        synchronized (writerLock) {
            checkQuiescent();
            // copying may take a while: readers carry on against the old DB meanwhile
            directories.stage(checkpointDir);
            guard.writeLock().lock();
            try {
                checkQuiescent();
                Invariants.check(db != null, "restore into a closed store");
            } catch (RuntimeException e) {
                guard.writeLock().unlock();
                directories.discardStaged();
                throw e;
            }
            try {
                OpenDb old = db;
                db = null;
                old.close();
                directories.swapInStaged();
                cache.clear();
                db = OpenDb.open(directories.live());
                applied = db.readAppliedIndex();
                LOG.info("restored metadata store from {} at applied index {}", checkpointDir, applied);
            } finally {
                guard.writeLock().unlock();
            }
        }
    }

    private void checkQuiescent() {
        Invariants.check(openScans.isEmpty() && openBatches.get() == 0,
                "restore with %d scan(s) and %d batch(es) still open", openScans.size(), openBatches.get());
    }

    /**
     * The applied index stored in a checkpoint directory, read by opening it read-only (nothing
     * is written into it). {@link AppliedIndex#NONE} if the checkpoint never recorded one.
     */
    public static AppliedIndex appliedIndexOf(Path checkpointDir) {
        try (OpenDb checkpoint = OpenDb.openReadOnly(checkpointDir)) {
            return checkpoint.readAppliedIndex();
        }
    }

    /** Closes the store; idempotent. Scans left open are closed first, with a warning. */
    @Override
    public void close() {
        guard.writeLock().lock();
        try {
            if (db == null) {
                return;
            }
            if (!openScans.isEmpty()) {
                LOG.warn("closing the metadata store with {} scan(s) still open", openScans.size());
                for (RangeScan scan : openScans) {
                    scan.closeNative(true);
                }
            }
            db.close();
            db = null;
            cache.clear();
        } finally {
            guard.writeLock().unlock();
        }
    }

    /** The cache's counters and RocksDB's estimates, for metrics; fails once the store is closed. */
    public StoreStats stats() {
        OpenDb current = acquire();
        try {
            return new StoreStats(cache.hits(), cache.misses(), cache.size(),
                    current.sumOverTables("rocksdb.estimate-num-keys"),
                    current.sumOverTables("rocksdb.live-sst-files-size"),
                    current.sumOverTables("rocksdb.cur-size-all-mem-tables"),
                    current.sumOverTables("rocksdb.estimate-pending-compaction-bytes"));
        } finally {
            release();
        }
    }

    /** The apply path's cache of committed values, for tests. */
    CommittedCache cache() {
        return cache;
    }

    /* ---- the guard and bookkeeping used by readers, batches and scans ---- */

    /** Enters the read guard and returns the open DB; call {@link #release()} in a finally. */
    OpenDb acquire() {
        guard.readLock().lock();
        OpenDb current = db;
        if (current == null) {
            guard.readLock().unlock();
            throw new MetaStoreException("the metadata store is closed");
        }
        return current;
    }

    /** Enters the read guard even if the store is closed: for closing native objects. */
    void acquireForClose() {
        guard.readLock().lock();
    }

    void release() {
        guard.readLock().unlock();
    }

    RangeScan newScan(RangeScan.Source source, byte[] fromInclusive, byte[] toExclusive) {
        OpenDb current = acquire();
        try {
            RangeScan scan = new RangeScan(this, source, fromInclusive, toExclusive);
            openScans.add(scan);
            scan.start(current);
            return scan;
        } finally {
            release();
        }
    }

    void forget(RangeScan scan) {
        openScans.remove(scan);
    }

    void batchClosed() {
        openBatches.decrementAndGet();
    }
}
