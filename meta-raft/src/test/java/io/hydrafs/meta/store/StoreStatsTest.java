package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.commit;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a store reports about itself for the node's metrics. */
class StoreStatsTest {
    @TempDir
    Path dir;
    private RocksMetaStore store;

    @BeforeEach
    void open() {
        store = RocksMetaStore.open(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void get(String key) {
        try (StoreBatch batch = store.newBatch()) {
            batch.get(Table.INODES, utf8(key));
        }
    }

    @Test
    void theCacheCountsItsHitsMissesAndEntries() {
        commit(store, 1, Table.INODES, "a=1");
        StoreStats before = store.stats();

        get("a");        // written by the commit: cached
        get("absent");   // not cached yet: a miss, then cached as absent
        get("absent");

        StoreStats after = store.stats();
        assertEquals(2, after.cacheHits() - before.cacheHits());
        assertEquals(1, after.cacheMisses() - before.cacheMisses());
        assertEquals(2, after.cacheEntries());
    }

    @Test
    void rocksDbEstimatesFollowTheWritesFromMemtableToTableFiles() {
        String[] writes = new String[200];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = "k" + i + "=" + "v".repeat(100);
        }
        commit(store, 1, Table.DENTRIES, writes);

        StoreStats inMemtable = store.stats();
        assertTrue(inMemtable.estimatedKeys() >= 200, inMemtable.toString());
        assertTrue(inMemtable.memtableBytes() > 200 * 100, inMemtable.toString());

        store.checkpoint(dir.resolve("checkpoint")); // flushes every memtable to table files
        StoreStats flushed = store.stats();
        assertTrue(flushed.liveSstBytes() > inMemtable.liveSstBytes(), flushed.toString());
        assertTrue(flushed.estimatedKeys() >= 200, flushed.toString());
        assertTrue(flushed.pendingCompactionBytes() >= 0, flushed.toString());
    }

    @Test
    void aClosedStoreHasNoStatsToGive() {
        store.close();

        assertThrows(MetaStoreException.class, store::stats);
    }
}
