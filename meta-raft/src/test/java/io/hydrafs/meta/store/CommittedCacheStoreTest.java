package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.commit;
import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps its apply-path cache equal to the committed state. */
class CommittedCacheStoreTest {
    @TempDir
    Path dir;
    private RocksMetaStore store;

    @BeforeEach
    void open() {
        store = RocksMetaStore.open(dir.resolve("store"));
        commit(store, 1, Table.INODES, "a=1", "c=3");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String read(Table table, String key) {
        try (StoreBatch batch = store.newBatch()) {
            return text(batch.get(table, utf8(key)));
        }
    }

    @Test
    void aLaterBatchReadsWhatEarlierOnesCommittedFromTheCache() {
        assertEquals("1", read(Table.INODES, "a"));
        assertNull(read(Table.INODES, "b"));
        commit(store, 2, Table.INODES, "a=11", "b=2", "-c");
        long misses = store.cache().misses();

        assertEquals("11", read(Table.INODES, "a"));
        assertEquals("2", read(Table.INODES, "b"));
        assertNull(read(Table.INODES, "c"));

        assertEquals(misses, store.cache().misses());
        assertEquals(java.util.Arrays.asList("11", "2", null), java.util.Arrays.asList(text(store.reader().get(Table.INODES, utf8("a"))),
                text(store.reader().get(Table.INODES, utf8("b"))), text(store.reader().get(Table.INODES, utf8("c")))));
    }

    @Test
    void aRolledBackWriteNeverReachesTheCache() {
        try (StoreBatch batch = store.newBatch()) {
            batch.setSavepoint();
            batch.put(Table.INODES, utf8("a"), utf8("9"));
            batch.delete(Table.INODES, utf8("c"));
            batch.rollbackToSavepoint();
            batch.put(Table.INODES, utf8("d"), utf8("4"));
            store.commit(batch, 1, 2, 0);
        }

        assertEquals("1", read(Table.INODES, "a"));
        assertEquals("3", read(Table.INODES, "c"));
        assertEquals("4", read(Table.INODES, "d"));
    }

    @Test
    void aBatchThatIsNeverCommittedLeavesTheCacheAsItWas() {
        try (StoreBatch batch = store.newBatch()) {
            batch.put(Table.INODES, utf8("a"), utf8("9"));
            assertEquals("9", text(batch.get(Table.INODES, utf8("a"))));
        }

        assertEquals("1", read(Table.INODES, "a"));
    }

    @Test
    void restoringACheckpointForgetsCachedValues() {
        Path checkpoint = dir.resolve("cp");
        store.checkpoint(checkpoint);
        commit(store, 2, Table.INODES, "a=2");
        assertEquals("2", read(Table.INODES, "a"));

        store.restoreFrom(checkpoint);

        assertEquals("1", read(Table.INODES, "a"));
    }

    @Test
    void aCallerChangingAReturnedValueDoesNotChangeTheCache() {
        try (StoreBatch batch = store.newBatch()) {
            batch.get(Table.INODES, utf8("a"))[0] = 'x';
            batch.get(Table.INODES, utf8("a"))[0] = 'y';
        }

        assertEquals("1", read(Table.INODES, "a"));
    }
}
