package io.hydrafs.meta.store;

/**
 * A {@link MetaWriter} handed out by {@link RocksMetaStore#newBatch()}: the writes of one Raft
 * log entry, made visible all at once by {@link RocksMetaStore#commit}.
 *
 * <p>Lifecycle: open (reads and writes allowed) -&gt; committed (reads allowed, writes fail) -&gt;
 * closed (nothing allowed). Closing without committing discards the writes. Closing also closes
 * any scans still open on the batch. A batch is used by one thread at a time.
 *
 * <p>Savepoints must be balanced when the batch is committed: every {@link #setSavepoint()} is
 * matched by a rollback or a release, otherwise commit fails as a bug.
 *
 * <p>Keys of {@link Table#SYSTEM} starting with a 0x00 byte are reserved for the store; writing
 * one fails as a bug.
 */
public interface StoreBatch extends MetaWriter, AutoCloseable {
    /** Number of puts and deletes currently in the batch (after rollbacks). */
    int writeCount();

    @Override
    void close();
}
