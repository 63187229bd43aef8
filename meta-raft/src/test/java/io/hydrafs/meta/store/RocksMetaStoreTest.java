package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.commit;
import static io.hydrafs.meta.store.StoreFixture.keysOf;
import static io.hydrafs.meta.store.StoreFixture.scanAll;
import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's lifecycle: applied index, commit, reopen, checkpoint and restore. */
class RocksMetaStoreTest {
    @TempDir
    Path tmp;
    private Path storeDir;
    private RocksMetaStore store;

    @BeforeEach
    void open() {
        storeDir = tmp.resolve("store");
        store = RocksMetaStore.open(storeDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void freshStoreHasAppliedNothing() {
        assertEquals(AppliedIndex.NONE, store.appliedIndex());
        assertTrue(scanAll(store.reader(), Table.SYSTEM).isEmpty());
    }

    @Test
    void commitStoresTheAppliedIndexInTheSameWriteAsTheData() {
        try (StoreBatch batch = store.newBatch()) {
            batch.put(Table.INODES, utf8("a"), utf8("1"));
            store.commit(batch, 2, 7, 0);
        }

        assertEquals(new AppliedIndex(2, 7), store.appliedIndex());
        assertEquals("1", text(store.reader().get(Table.INODES, utf8("a"))));
        assertArrayEquals(new AppliedIndex(2, 7).encode(),
                store.reader().get(Table.SYSTEM, AppliedIndex.STORAGE_KEY));
    }

    @Test
    void commitWithANonIncreasingIndexFailsAndWritesNothing() {
        commit(store, 5, Table.INODES, "a=1");

        for (long index : new long[] {5, 4}) {
            try (StoreBatch batch = store.newBatch()) {
                batch.put(Table.INODES, utf8("b"), utf8("2"));
                assertThrows(IllegalStateException.class, () -> store.commit(batch, 1, index, 0));
            }
        }
        assertThrows(IllegalStateException.class, () -> store.markApplied(1, 5));

        assertNull(store.reader().get(Table.INODES, utf8("b")));
        assertEquals(new AppliedIndex(1, 5), store.appliedIndex());
    }

    @Test
    void commitWithADecreasingTermFails() {
        store.markApplied(3, 5);

        assertThrows(IllegalStateException.class, () -> store.markApplied(2, 6));
        assertEquals(new AppliedIndex(3, 5), store.appliedIndex());
    }

    @Test
    void markAppliedAdvancesTheIndexWithoutData() {
        commit(store, 1, Table.INODES, "a=1");

        store.markApplied(2, 2);

        assertEquals(new AppliedIndex(2, 2), store.appliedIndex());
        assertEquals(List.of("a"), keysOf(store.reader(), Table.INODES));
    }

    @Test
    void reopeningKeepsDataAndAppliedIndex() {
        commit(store, 1, Table.INODES, "a=1", "b=2");
        commit(store, 2, Table.DENTRIES, "x=y");
        commit(store, 3, Table.INODES, "-a");
        store.close();

        store = RocksMetaStore.open(storeDir);

        assertEquals(new AppliedIndex(1, 3), store.appliedIndex());
        assertEquals(List.of("b=2"), scanAll(store.reader(), Table.INODES));
        assertEquals(List.of("x=y"), scanAll(store.reader(), Table.DENTRIES));
    }

    @Test
    void checkpointThenRestoreDropsLaterWritesAndRestoresTheAppliedIndex() {
        commit(store, 1, Table.INODES, "a=1", "b=2");
        Path checkpoint = tmp.resolve("snapshots/cp-1");

        AppliedIndex cut = store.checkpoint(checkpoint);
        commit(store, 2, Table.INODES, "c=3", "-a");
        store.markApplied(2, 3);
        store.restoreFrom(checkpoint);

        assertEquals(new AppliedIndex(1, 1), cut);
        assertEquals(cut, store.appliedIndex());
        assertEquals(List.of("a=1", "b=2"), scanAll(store.reader(), Table.INODES));
        // the restored store goes on from the checkpoint, and survives a reopen
        commit(store, 2, Table.INODES, "d=4");
        store.close();
        store = RocksMetaStore.open(storeDir);
        assertEquals(List.of("a", "b", "d"), keysOf(store.reader(), Table.INODES));
        assertEquals(new AppliedIndex(1, 2), store.appliedIndex());
    }

    @Test
    void restoreLeavesTheCheckpointIntact() throws IOException {
        commit(store, 1, Table.INODES, "a=1");
        Path checkpoint = tmp.resolve("cp");
        store.checkpoint(checkpoint);
        List<String> before = listing(checkpoint);

        store.restoreFrom(checkpoint);
        commit(store, 2, Table.INODES, "b=2");
        store.checkpoint(tmp.resolve("cp-2"));

        assertEquals(before, listing(checkpoint));
        assertEquals(new AppliedIndex(1, 1), RocksMetaStore.appliedIndexOf(checkpoint));
    }

    @Test
    void appliedIndexOfReadsACheckpointWithoutWritingIntoIt() throws IOException {
        commit(store, 4, Table.INODES, "a=1");
        store.markApplied(3, 9);
        Path checkpoint = tmp.resolve("cp");
        store.checkpoint(checkpoint);
        List<String> before = listing(checkpoint);

        AppliedIndex stored = RocksMetaStore.appliedIndexOf(checkpoint);

        assertEquals(new AppliedIndex(3, 9), stored);
        assertEquals(before, listing(checkpoint));
    }

    @Test
    void theLatestBatchTimeIsKeptAcrossMarksReopeningAndCheckpoints() {
        commitAt(1, 5_000);
        commitAt(2, 4_000);     // a new leader's clock behind: the latest time stays
        store.markApplied(2, 3);
        assertEquals(new AppliedIndex(2, 3, 5_000), store.appliedIndex());

        Path checkpoint = tmp.resolve("cp");
        store.checkpoint(checkpoint);
        commitAt(4, 9_000);
        store.close();
        store = RocksMetaStore.open(storeDir);
        assertEquals(9_000, store.appliedIndex().batchTimeMs());

        store.restoreFrom(checkpoint);
        assertEquals(new AppliedIndex(2, 3, 5_000), store.appliedIndex());
    }

    @Test
    void anAppliedIndexStoredWithoutABatchTimeReadsAsTimeZero() {
        byte[] stored = java.nio.ByteBuffer.allocate(16).putLong(3).putLong(9).array();

        assertEquals(new AppliedIndex(3, 9, 0), AppliedIndex.decode(stored));
        assertThrows(MetaStoreException.class, () -> AppliedIndex.decode(new byte[12]));
    }

    private void commitAt(long index, long batchTimeMs) {
        try (StoreBatch batch = store.newBatch()) {
            batch.put(Table.INODES, utf8("k" + index), utf8("v"));
            store.commit(batch, 2, index, batchTimeMs);
        }
    }

    @Test
    void checkpointIntoAnExistingDirectoryFails() throws IOException {
        Path existing = Files.createDirectory(tmp.resolve("taken"));

        assertThrows(IllegalStateException.class, () -> store.checkpoint(existing));
    }

    @Test
    void restoreWithAnOpenScanOrBatchFailsAndKeepsTheLiveData() {
        commit(store, 1, Table.INODES, "a=1");
        Path checkpoint = tmp.resolve("cp");
        store.checkpoint(checkpoint);
        commit(store, 2, Table.INODES, "b=2");

        try (MetaReader.ScanIterator scan = store.reader().scan(Table.INODES, new byte[0], null)) {
            assertThrows(IllegalStateException.class, () -> store.restoreFrom(checkpoint));
        }
        try (StoreBatch batch = store.newBatch()) {
            assertThrows(IllegalStateException.class, () -> store.restoreFrom(checkpoint));
        }

        assertEquals(List.of("a", "b"), keysOf(store.reader(), Table.INODES));
        assertEquals(new AppliedIndex(1, 2), store.appliedIndex());
    }

    @Test
    void restoreFromADirectoryThatIsNotACheckpointFailsAndKeepsTheLiveData() throws IOException {
        commit(store, 1, Table.INODES, "a=1");

        Path bogus = Files.createDirectory(tmp.resolve("bogus"));
        assertThrows(MetaStoreException.class, () -> store.restoreFrom(bogus));

        assertEquals(List.of("a"), keysOf(store.reader(), Table.INODES));
    }

    @Test
    void closingClosesLeakedScansAndLaterCallsFailAsStoreErrors() {
        commit(store, 1, Table.INODES, "a=1", "b=2");
        MetaReader.ScanIterator leaked = store.reader().scan(Table.INODES, new byte[0], null);
        StoreBatch batch = store.newBatch();

        store.close();
        store.close();

        assertThrows(MetaStoreException.class, leaked::hasNext);
        assertThrows(MetaStoreException.class, () -> store.reader().get(Table.INODES, utf8("a")));
        assertThrows(MetaStoreException.class, () -> batch.put(Table.INODES, utf8("c"), utf8("3")));
        leaked.close();
        batch.close();
    }

    /** Names and sizes of a directory's files. */
    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName() + ":" + p.toFile().length()).sorted().toList();
        }
    }

    @Test
    void memtablesOfPointReadTablesSkipLookupsOfAbsentKeysThroughABloomFilter() throws Exception {
        Path options;
        try (Stream<Path> files = Files.walk(storeDir)) {
            options = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).max(Path::compareTo)
                    .orElseThrow();
        }
        Map<String, String> filteringByTable = new HashMap<>();
        String table = null;
        for (String line : Files.readAllLines(options)) {
            if (line.startsWith("[CFOptions \"")) {
                table = line.substring("[CFOptions \"".length(), line.length() - 2);
            } else if (table != null && line.trim().startsWith("memtable_whole_key_filtering=")) {
                filteringByTable.put(table, line.trim().substring("memtable_whole_key_filtering=".length()));
            }
        }

        for (Table t : Table.values()) {
            String expected = t == Table.RETRY_EXPIRY ? "false" : "true";
            assertEquals(expected, filteringByTable.get(t.columnFamily()), "memtable filter of " + t);
        }
    }
}
