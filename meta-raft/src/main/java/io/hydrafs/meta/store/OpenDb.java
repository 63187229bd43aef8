package io.hydrafs.meta.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Logger;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.TablePropertiesCollectorFactory;
import org.rocksdb.WriteOptions;
import org.slf4j.LoggerFactory;

/**
 * One open RocksDB instance with a column family per {@link Table}, and every native object that
 * belongs to it. Its only job is owning native memory: everything created here is registered at
 * creation and closed, in reverse order, by {@link #close()} (or when opening fails half-way).
 *
 * <p>Tuning is deliberately small. Every table but {@link Table#RETRY_EXPIRY} gets a whole-key
 * bloom filter because the namespace resolves paths by point lookups (parent id + name); the
 * expiry table is only ever scanned in order. No prefix extractor: with one, RocksDB iterators
 * silently stop being total-order unless every ReadOptions asks for it, a trap not worth the
 * small gain on directory listings. The two DB-wide caps exist because there are eight column
 * families: by default each could hold 2 x 64 MiB of memtables, and the WAL is retained until
 * the quietest family flushes.
 *
 * <p>Writes use RocksDB's WAL without fsync: see {@link RocksMetaStore} for what survives which
 * crash.
 */
final class OpenDb implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final long BLOCK_CACHE_BYTES = 64L << 20;
    private static final long ALL_MEMTABLES_BYTES = 128L << 20;
    private static final long MAX_TOTAL_WAL_BYTES = 256L << 20;
    private static final double BLOOM_BITS_PER_KEY = 10;
    // A bloom filter per memtable, sized as this fraction of the memtable (1.3 MB for 64 MiB):
    // most point reads of an apply look up keys the memtable does not hold (ancestors written
    // long ago, the name about to be created, a new call's retry-cache slot), and without the
    // filter each one walks the memtable's skip list first: about half the time apply spent
    // reading (profiled under mkdir load).
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;
    private static final int KEPT_INFO_LOG_FILES = 5;
    // A table file in which some 4,096 consecutive entries hold 2,048 deletions, or half of all
    // entries are deletions, is marked for compaction (see TombstoneTracker).
    private static final long DELETION_WINDOW_ENTRIES = 4_096;
    private static final long DELETIONS_IN_WINDOW = 2_048;
    private static final double DELETION_RATIO = 0.5;

    private final Deque<AutoCloseable> owned;
    private final RocksDB db;
    private final Map<Table, ColumnFamilyHandle> handles;
    private final ReadOptions readOptions;
    private final WriteOptions writeOptions;

    private OpenDb(Deque<AutoCloseable> owned, RocksDB db, Map<Table, ColumnFamilyHandle> handles,
            ReadOptions readOptions, WriteOptions writeOptions) {
        this.owned = owned;
        this.db = db;
        this.handles = handles;
        this.readOptions = readOptions;
        this.writeOptions = writeOptions;
    }

    /** Opens the database at path for reading and writing, creating it and its tables if absent. */
    static OpenDb open(Path path) {
        return open(path, false);
    }

    /**
     * Opens a database read-only, writing nothing into its directory (not even RocksDB's info
     * LOG, which would otherwise appear among a checkpoint's files).
     */
    static OpenDb openReadOnly(Path path) {
        return open(path, true);
    }

    private static OpenDb open(Path path, boolean readOnly) {
        Deque<AutoCloseable> owned = new ArrayDeque<>();
        try {
            DBOptions dbOptions = own(owned, new DBOptions())
                    .setCreateIfMissing(!readOnly)
                    .setCreateMissingColumnFamilies(!readOnly)
                    .setMaxBackgroundJobs(2)
                    .setKeepLogFileNum(KEPT_INFO_LOG_FILES)
                    .setDbWriteBufferSize(ALL_MEMTABLES_BYTES)
                    .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES);
            if (readOnly) {
                dbOptions.setLogger(own(owned, new SilentLogger()));
            }
            Cache blockCache = own(owned, new LRUCache(BLOCK_CACHE_BYTES));
            ColumnFamilyOptions scanned = own(owned, new ColumnFamilyOptions())
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));
            BlockBasedTableConfig withBloom = new BlockBasedTableConfig().setBlockCache(blockCache)
                    .setFilterPolicy(own(owned, new BloomFilter(BLOOM_BITS_PER_KEY)));
            ColumnFamilyOptions pointRead = own(owned, new ColumnFamilyOptions()).setTableFormatConfig(withBloom)
                    .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO).setMemtableWholeKeyFiltering(true);
            // RocksJava sets collectors on Options only; the column family options copy them from there
            Options withCollector = own(owned, new Options());
            withCollector.setTablePropertiesCollectorFactory(List.of(own(owned, TablePropertiesCollectorFactory
                    .NewCompactOnDeletionCollectorFactory(DELETION_WINDOW_ENTRIES, DELETIONS_IN_WINDOW, DELETION_RATIO))));
            ColumnFamilyOptions listed = own(owned, new ColumnFamilyOptions(withCollector)).setTableFormatConfig(withBloom)
                    .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO).setMemtableWholeKeyFiltering(true);

            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, pointRead));
            for (Table table : Table.values()) {
                descriptors.add(new ColumnFamilyDescriptor(
                        table.columnFamily().getBytes(StandardCharsets.UTF_8),
                        table == Table.RETRY_EXPIRY ? scanned
                                : TombstoneTracker.SCANNED.contains(table) ? listed : pointRead));
            }
            List<ColumnFamilyHandle> opened = new ArrayList<>();
            String dir = path.toString();
            // on failure RocksJava fills no handles, so there is nothing half-open to close here
            RocksDB db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, dir, descriptors, opened)
                    : RocksDB.open(dbOptions, dir, descriptors, opened);
            // closed in reverse: handles first, then the DB, then the options it was opened with
            owned.push(db);
            opened.forEach(owned::push);
            Map<Table, ColumnFamilyHandle> handles = new EnumMap<>(Table.class);
            for (Table table : Table.values()) {
                handles.put(table, opened.get(table.ordinal() + 1));
            }
            ReadOptions readOptions = own(owned, new ReadOptions());
            WriteOptions writeOptions = own(owned, new WriteOptions().setSync(false).setDisableWAL(false));
            return new OpenDb(owned, db, handles, readOptions, writeOptions);
        } catch (RocksDBException | RuntimeException e) {
            closeAll(owned);
            throw new MetaStoreException("cannot open RocksDB at " + path, e);
        }
    }

    private static <T extends AutoCloseable> T own(Deque<AutoCloseable> owned, T resource) {
        owned.push(resource);
        return resource;
    }

    RocksDB db() {
        return db;
    }

    ColumnFamilyHandle handle(Table table) {
        return handles.get(table);
    }

    /** Default read options, shared by every thread (RocksDB only reads them). */
    ReadOptions readOptions() {
        return readOptions;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    /** Starts a flush of the table's memtable and returns without waiting for it. */
    void requestFlush(Table table) {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(false).setAllowWriteStall(true)) {
            db.flush(flush, handle(table));
        } catch (RocksDBException e) {
            throw new MetaStoreException("cannot flush " + table, e);
        }
    }

    /** A numeric RocksDB property (e.g. {@code rocksdb.estimate-num-keys}) summed over every table. */
    long sumOverTables(String property) {
        long sum = 0;
        for (ColumnFamilyHandle handle : handles.values()) {
            try {
                sum += db.getLongProperty(handle, property);
            } catch (RocksDBException e) {
                throw new MetaStoreException("cannot read " + property, e);
            }
        }
        return sum;
    }

    List<ColumnFamilyHandle> tableHandles() {
        return List.copyOf(handles.values());
    }

    AppliedIndex readAppliedIndex() {
        try {
            return AppliedIndex.decode(db.get(handle(Table.SYSTEM), readOptions, AppliedIndex.STORAGE_KEY));
        } catch (RocksDBException e) {
            throw new MetaStoreException("cannot read the applied index", e);
        }
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(Deque<AutoCloseable> owned) {
        while (!owned.isEmpty()) {
            AutoCloseable resource = owned.pop();
            try {
                if (resource instanceof RocksDB db) {
                    db.closeE(); // reports a failed final sync instead of swallowing it
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                LoggerFactory.getLogger(OpenDb.class).warn("closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }

    /** Discards RocksDB's own log lines; used where a LOG file must not be created. */
    private static final class SilentLogger extends Logger {
        SilentLogger() {
            super(InfoLogLevel.FATAL_LEVEL);
        }

        @Override
        protected void log(InfoLogLevel level, String message) {
        }
    }
}
