package io.hydrafs.meta.store;

/**
 * The tables of the metadata store (RocksDB column families). Keys are byte strings compared
 * as unsigned bytes; numeric key parts are 8-byte big-endian so that they sort numerically.
 */
public enum Table {
    /** inode id -> InodeProto. */
    INODES,
    /** parent inode id + child name (UTF-8) -> child inode id. Listing is a prefix scan. */
    DENTRIES,
    /** block id -> inode id of the file that owns it. */
    BLOCKS,
    /** client name + inode id -> empty: files under construction, by lease holder. */
    LEASES,
    /** client id (16 bytes) + call id -> RetryCacheEntry: answers of recent mutating calls. */
    RETRY_CACHE,
    /** expiry time ms + client id + call id -> empty: lets old retry entries be purged in order. */
    RETRY_EXPIRY,
    /** named counters and markers: next inode id, next block id, generation stamp, layout version. */
    SYSTEM,
    /**
     * kind byte + name -> value: coordination records, their revision counter and the start of
     * the current term, the decommissioning blockstores (layout in io.hydrafs.meta.coord.CoordKeys).
     */
    COORDINATION;

    /** The column family name in RocksDB; stable on disk. */
    public String columnFamily() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
