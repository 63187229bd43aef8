package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.commit;
import static io.hydrafs.meta.store.StoreFixture.drain;
import static io.hydrafs.meta.store.StoreFixture.keysOf;
import static io.hydrafs.meta.store.StoreFixture.scanAll;
import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch contract, with the apply path's cache of committed values (see the subclass for none). */
class StoreBatchTest {
    @TempDir
    Path dir;
    private RocksMetaStore store;
    private StoreBatch batch;

    @BeforeEach
    void openStoreWithCommittedKeys() {
        store = RocksMetaStore.open(dir, RocksMetaStore.DEFAULT_TOMBSTONE_FLUSH_THRESHOLD, cacheEntries());
        commit(store, 1, Table.INODES, "a=1", "c=3", "e=5", "g=7");
        batch = store.newBatch();
    }

    int cacheEntries() {
        return RocksMetaStore.DEFAULT_CACHE_ENTRIES;
    }

    @AfterEach
    void close() {
        batch.close();
        store.close();
    }

    @Test
    void getSeesOwnPutsAndDeletesOverCommittedState() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.put(Table.INODES, utf8("c"), utf8("33"));
        batch.delete(Table.INODES, utf8("e"));

        assertEquals("1", text(batch.get(Table.INODES, utf8("a"))));
        assertEquals("2", text(batch.get(Table.INODES, utf8("b"))));
        assertEquals("33", text(batch.get(Table.INODES, utf8("c"))));
        assertNull(batch.get(Table.INODES, utf8("e")));
        assertNull(batch.get(Table.INODES, utf8("zz")));
    }

    @Test
    void scanMergesBatchPutsAndDeletesWithCommittedKeysInOrder() {
        batch.put(Table.INODES, utf8("h"), utf8("8"));
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.delete(Table.INODES, utf8("c"));
        batch.put(Table.INODES, utf8("e"), utf8("55"));
        batch.delete(Table.INODES, utf8("nothing-here"));

        assertEquals(List.of("a=1", "b=2", "e=55", "g=7", "h=8"), scanAll(batch, Table.INODES));
        assertEquals(List.of("b=2", "e=55"), drain(batch.scan(Table.INODES, utf8("b"), utf8("g"))));
    }

    @Test
    void batchWritesStayInvisibleToReadersUntilCommit() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.delete(Table.INODES, utf8("a"));

        assertNull(store.reader().get(Table.INODES, utf8("b")));
        assertEquals("1", text(store.reader().get(Table.INODES, utf8("a"))));

        store.commit(batch, 1, 2, 0);

        assertEquals("2", text(store.reader().get(Table.INODES, utf8("b"))));
        assertNull(store.reader().get(Table.INODES, utf8("a")));
    }

    @Test
    void rollbackToSavepointDropsLaterWritesAndKeepsEarlierOnes() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("b"), utf8("22"));
        batch.delete(Table.INODES, utf8("a"));
        batch.put(Table.DENTRIES, utf8("x"), utf8("y"));

        batch.rollbackToSavepoint();

        assertEquals("2", text(batch.get(Table.INODES, utf8("b"))));
        assertEquals("1", text(batch.get(Table.INODES, utf8("a"))));
        assertTrue(scanAll(batch, Table.DENTRIES).isEmpty());
        assertEquals(1, batch.writeCount());
    }

    @Test
    void nestedSavepointsRollBackOneLevelAtATime() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("d"), utf8("4"));
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("f"), utf8("6"));

        batch.rollbackToSavepoint();
        assertEquals(List.of("a", "b", "c", "d", "e", "g"), keysOf(batch, Table.INODES));

        batch.put(Table.INODES, utf8("h"), utf8("8"));
        batch.rollbackToSavepoint();
        assertEquals(List.of("a", "b", "c", "e", "g"), keysOf(batch, Table.INODES));
    }

    @Test
    void releasedSavepointKeepsWritesForTheEnclosingOneToUndo() {
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("d"), utf8("4"));
        batch.releaseSavepoint();
        assertEquals("4", text(batch.get(Table.INODES, utf8("d"))));

        batch.rollbackToSavepoint();

        assertNull(batch.get(Table.INODES, utf8("b")));
        assertNull(batch.get(Table.INODES, utf8("d")));
    }

    @Test
    void committingAfterARollbackWritesOnlyTheKeptWrites() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        batch.setSavepoint();
        batch.put(Table.INODES, utf8("d"), utf8("4"));
        batch.rollbackToSavepoint();

        store.commit(batch, 1, 2, 0);

        assertEquals(List.of("a", "b", "c", "e", "g"), keysOf(store.reader(), Table.INODES));
    }

    @Test
    void unbalancedSavepointsFailAsBugs() {
        assertThrows(IllegalStateException.class, batch::rollbackToSavepoint);
        assertThrows(IllegalStateException.class, batch::releaseSavepoint);

        batch.setSavepoint();
        assertThrows(IllegalStateException.class, () -> store.commit(batch, 1, 2, 0));
        assertEquals(1, store.appliedIndex().index());
    }

    @Test
    void scanToleratesDeletingTheEntriesItReturns() {
        List<String> seen = new ArrayList<>();
        try (MetaReader.ScanIterator scan = batch.scan(Table.INODES, new byte[0], null)) {
            while (scan.hasNext()) {
                KeyValue kv = scan.next();
                seen.add(text(kv.key()));
                batch.delete(Table.INODES, kv.key());
            }
        }

        assertEquals(List.of("a", "c", "e", "g"), seen);
        assertTrue(scanAll(batch, Table.INODES).isEmpty());
    }

    @Test
    void scanSeesWritesAheadOfItsCursorAndRollbacksBehindIt() {
        List<String> seen = new ArrayList<>();
        try (MetaReader.ScanIterator scan = batch.scan(Table.INODES, new byte[0], null)) {
            seen.add(text(scan.next().key())); // a
            batch.setSavepoint();
            batch.put(Table.INODES, utf8("b"), utf8("2"));
            batch.delete(Table.INODES, utf8("e"));
            seen.add(text(scan.next().key())); // b: written after the scan began
            batch.rollbackToSavepoint(); // e is back, b is gone again
            scan.forEachRemaining(kv -> seen.add(text(kv.key())));
        }

        assertEquals(List.of("a", "b", "c", "e", "g"), seen);
    }

    @Test
    void scanKeepsItsPlaceWhenTheCallerChangesAReturnedKey() {
        try (MetaReader.ScanIterator scan = batch.scan(Table.INODES, new byte[0], null)) {
            KeyValue first = scan.next();
            first.key()[0] = 'z';
            batch.put(Table.INODES, utf8("b"), utf8("2")); // forces the scan to find its place again

            assertEquals(List.of("b=2", "c=3", "e=5", "g=7"), drain(scan));
        }
    }

    @Test
    void writesToReservedSystemKeysFailAsBugs() {
        assertThrows(IllegalStateException.class,
                () -> batch.put(Table.SYSTEM, AppliedIndex.STORAGE_KEY, utf8("x")));
        assertThrows(IllegalStateException.class, () -> batch.delete(Table.SYSTEM, new byte[] {0}));

        batch.put(Table.SYSTEM, utf8("next-inode-id"), utf8("17"));
        batch.put(Table.INODES, new byte[] {0, 1}, utf8("not reserved outside SYSTEM"));
        assertEquals(2, batch.writeCount());
    }

    @Test
    void committedBatchAcceptsReadsButNoWrites() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        store.commit(batch, 1, 2, 0);

        assertEquals("2", text(batch.get(Table.INODES, utf8("b"))));
        assertThrows(IllegalStateException.class, () -> batch.put(Table.INODES, utf8("x"), utf8("y")));
        assertThrows(IllegalStateException.class, () -> store.commit(batch, 1, 3, 0));
    }

    @Test
    void closingABatchDiscardsItsWritesAndClosesItsScans() {
        batch.put(Table.INODES, utf8("b"), utf8("2"));
        MetaReader.ScanIterator scan = batch.scan(Table.INODES, new byte[0], null);
        assertTrue(scan.hasNext());

        batch.close();

        assertThrows(IllegalStateException.class, scan::hasNext);
        assertThrows(IllegalStateException.class, () -> batch.get(Table.INODES, utf8("a")));
        assertNull(store.reader().get(Table.INODES, utf8("b")));
    }
}
