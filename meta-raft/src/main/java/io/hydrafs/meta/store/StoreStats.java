package io.hydrafs.meta.store;

/**
 * A store's figures for the node's metrics: the apply path's {@link CommittedCache} and
 * RocksDB's own estimates, summed over every table.
 *
 * @param cacheHits              gets the cache answered since the store was opened
 * @param cacheMisses            gets that went on to RocksDB
 * @param cacheEntries           values (and absent keys) the cache holds now
 * @param estimatedKeys          RocksDB's estimate of the keys stored (deletes not yet compacted may count)
 * @param liveSstBytes           the table files the current version uses
 * @param memtableBytes          active and immutable memtables, not yet flushed
 * @param pendingCompactionBytes RocksDB's estimate of what compaction still has to rewrite
 */
public record StoreStats(long cacheHits, long cacheMisses, long cacheEntries, long estimatedKeys,
                         long liveSstBytes, long memtableBytes, long pendingCompactionBytes) {
    /** What a node reports while it has no open store (starting, closing). */
    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0, 0, 0, 0);
}
