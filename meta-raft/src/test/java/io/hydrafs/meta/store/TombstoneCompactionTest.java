package io.hydrafs.meta.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.TableProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tombstones of a range-scanned table do not stay behind for scans to step over (TombstoneTracker). */
class TombstoneCompactionTest {
    private static final int THRESHOLD = 1_000;

    @TempDir
    Path tmp;
    private RocksMetaStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aListedTableIsFlushedAfterThresholdDeletesAndRocksDbThenDropsTheTombstones() {
        store = RocksMetaStore.open(tmp.resolve("store"), THRESHOLD, RocksMetaStore.DEFAULT_CACHE_ENTRIES);
        fillAndEmpty(Table.DENTRIES, 3 * THRESHOLD);

        await().atMost(Duration.ofSeconds(30)).until(() -> entriesKept(Table.DENTRIES) == 0);
        assertTrue(StoreFixture.scanAll(store.reader(), Table.DENTRIES).isEmpty());
    }

    @Test
    void belowTheThresholdTheTombstonesStayInTheMemtable() throws RocksDBException {
        store = RocksMetaStore.open(tmp.resolve("store"), THRESHOLD, RocksMetaStore.DEFAULT_CACHE_ENTRIES);
        fillAndEmpty(Table.DENTRIES, THRESHOLD / 2);

        assertEquals(THRESHOLD, entriesKept(Table.DENTRIES), "puts and deletes, none flushed");
    }

    @Test
    void aPointReadTableIsNotFlushedForItsDeletes() throws RocksDBException {
        store = RocksMetaStore.open(tmp.resolve("store"), THRESHOLD, RocksMetaStore.DEFAULT_CACHE_ENTRIES);
        fillAndEmpty(Table.RETRY_CACHE, 3 * THRESHOLD);

        assertEquals(6 * THRESHOLD, entriesKept(Table.RETRY_CACHE), "its deletes are spread over the whole table");
    }

    /** Puts {@code n} keys of one directory in one entry, then deletes them in entries of 250. */
    private void fillAndEmpty(Table table, int n) {
        long index = store.appliedIndex().index();
        try (StoreBatch batch = store.newBatch()) {
            for (int i = 0; i < n; i++) {
                batch.put(table, key(i), utf8("v"));
            }
            store.commit(batch, 1, ++index, 0);
        }
        for (int from = 0; from < n; from += 250) {
            try (StoreBatch batch = store.newBatch()) {
                for (int i = from; i < Math.min(n, from + 250); i++) {
                    batch.delete(table, key(i));
                }
                store.commit(batch, 1, ++index, 0);
            }
        }
    }

    private static byte[] key(int i) {
        return utf8(String.format("dir-7/child-%06d", i));
    }

    /** Entries (values and tombstones) the table still holds in memtables and table files. */
    private long entriesKept(Table table) throws RocksDBException {
        OpenDb db = store.acquire();
        try {
            long kept = db.db().getLongProperty(db.handle(table), "rocksdb.num-entries-active-mem-table")
                    + db.db().getLongProperty(db.handle(table), "rocksdb.num-entries-imm-mem-tables");
            for (TableProperties file : db.db().getPropertiesOfAllTables(db.handle(table)).values()) {
                kept += file.getNumEntries();
            }
            return kept;
        } finally {
            store.release();
        }
    }
}
