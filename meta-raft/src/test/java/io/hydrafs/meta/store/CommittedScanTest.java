package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.bytes;
import static io.hydrafs.meta.store.StoreFixture.commit;
import static io.hydrafs.meta.store.StoreFixture.drainKeys;
import static io.hydrafs.meta.store.StoreFixture.keys;
import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Range scans of committed state through {@link RocksMetaStore#reader()}. */
class CommittedScanTest {
    @TempDir
    Path dir;
    private RocksMetaStore store;
    private MetaReader reader;

    @BeforeEach
    void open() {
        store = RocksMetaStore.open(dir);
        reader = store.reader();
        commit(store, 1, Table.DENTRIES, "a=1", "b=2", "c=3", "d=4");
        commit(store, 2, Table.INODES, "0=x", "z=y");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void scanReturnsKeysFromInclusiveToExclusive() {
        assertEquals(List.of("b", "c"), keys(reader.scan(Table.DENTRIES, utf8("b"), utf8("d"))));
        assertEquals(List.of("b", "c"), keys(reader.scan(Table.DENTRIES, utf8("az"), utf8("cz"))));
    }

    @Test
    void scanWithoutUpperBoundRunsToTheEndOfItsTableOnly() {
        assertEquals(List.of("c", "d"), keys(reader.scan(Table.DENTRIES, utf8("c"), null)));
    }

    @Test
    void scanOfAnEmptyOrInvertedRangeIsEmpty() {
        assertEquals(List.of(), keys(reader.scan(Table.DENTRIES, utf8("b"), utf8("b"))));
        assertEquals(List.of(), keys(reader.scan(Table.DENTRIES, utf8("c"), utf8("a"))));
        assertEquals(List.of(), keys(reader.scan(Table.DENTRIES, utf8("e"), null)));
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        try (StoreBatch batch = store.newBatch()) {
            for (byte[] key : List.of(bytes(0xff), bytes(0x80), bytes(0x7f), bytes(0x00), bytes(0x7f, 0xff), bytes(0x81))) {
                batch.put(Table.BLOCKS, key, new byte[0]);
            }
            // the batch's own view merges in the same order as committed data
            assertUnsignedOrder(drainKeys(batch.scan(Table.BLOCKS, new byte[0], null)));
            store.commit(batch, 1, 3, 0);
        }

        assertUnsignedOrder(drainKeys(reader.scan(Table.BLOCKS, new byte[0], null)));
        List<byte[]> belowHighBit = drainKeys(reader.scan(Table.BLOCKS, bytes(0x7f), bytes(0x80)));
        assertEquals(2, belowHighBit.size());
        assertArrayEquals(bytes(0x7f, 0xff), belowHighBit.get(1));
        List<byte[]> highBit = drainKeys(reader.scan(Table.BLOCKS, bytes(0x80), null));
        assertEquals(3, highBit.size());
    }

    private static void assertUnsignedOrder(List<byte[]> keys) {
        List<byte[]> expected = List.of(bytes(0x00), bytes(0x7f), bytes(0x7f, 0xff), bytes(0x80), bytes(0x81), bytes(0xff));
        assertEquals(expected.size(), keys.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), keys.get(i), "key #" + i);
        }
    }

    @Test
    void scanIsOnePointInTimeWhileCommitsHappen() {
        try (MetaReader.ScanIterator scan = reader.scan(Table.DENTRIES, new byte[0], null)) {
            commit(store, 3, Table.DENTRIES, "a=changed", "-c", "e=5");

            assertEquals(List.of("a=1", "b=2", "c=3", "d=4"), StoreFixture.drain(scan));
        }
        assertEquals("changed", text(reader.get(Table.DENTRIES, utf8("a"))));
    }

    @Test
    void exhaustedScanSaysSoAndThrowsOnNext() {
        try (MetaReader.ScanIterator scan = reader.scan(Table.INODES, utf8("z"), null)) {
            scan.next();
            assertFalse(scan.hasNext());
            assertThrows(NoSuchElementException.class, scan::next);
        }
    }
}
