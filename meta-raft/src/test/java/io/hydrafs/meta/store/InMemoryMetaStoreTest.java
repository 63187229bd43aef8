package io.hydrafs.meta.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryMetaStoreTest {
    private final InMemoryMetaStore store = new InMemoryMetaStore();

    private static byte[] b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private List<byte[]> keys(Table t, byte[] from, byte[] to) {
        List<byte[]> out = new ArrayList<>();
        try (MetaReader.ScanIterator it = store.scan(t, from, to)) {
            it.forEachRemaining(kv -> out.add(kv.key()));
        }
        return out;
    }

    @Test
    void readsItsOwnWritesPerTable() {
        store.put(Table.INODES, b(1), b(10));
        assertArrayEquals(b(10), store.get(Table.INODES, b(1)));
        assertNull(store.get(Table.DENTRIES, b(1)), "tables are separate");
        store.delete(Table.INODES, b(1));
        assertNull(store.get(Table.INODES, b(1)));
    }

    @Test
    void scanOrdersKeysAsUnsignedBytesWithinTheRange() {
        store.put(Table.DENTRIES, b(0x80), b());
        store.put(Table.DENTRIES, b(0x7f), b());
        store.put(Table.DENTRIES, b(0x01, 0x00), b());
        store.put(Table.DENTRIES, b(0xff), b());

        List<byte[]> all = keys(Table.DENTRIES, b(), null);
        assertEquals(4, all.size());
        assertArrayEquals(b(0x01, 0x00), all.get(0));
        assertArrayEquals(b(0x7f), all.get(1));
        assertArrayEquals(b(0x80), all.get(2), "0x80 sorts after 0x7f: unsigned");
        assertArrayEquals(b(0xff), all.get(3));

        List<byte[]> range = keys(Table.DENTRIES, b(0x7f), b(0xff));
        assertEquals(2, range.size(), "from inclusive, to exclusive");
        assertTrue(keys(Table.DENTRIES, b(0xff), b(0x01)).isEmpty(), "an inverted range is empty");
    }

    @Test
    void returnedAndPassedArraysAreCopies() {
        byte[] key = b(1);
        byte[] value = b(2);
        store.put(Table.SYSTEM, key, value);
        value[0] = 9;
        key[0] = 9;
        byte[] read = store.get(Table.SYSTEM, b(1));
        assertArrayEquals(b(2), read);
        read[0] = 7;
        assertArrayEquals(b(2), store.get(Table.SYSTEM, b(1)));
    }

    @Test
    void rollbackToSavepointUndoesOnlyTheWritesSinceIt() {
        store.put(Table.INODES, b(1), b(1));
        store.setSavepoint();
        store.put(Table.INODES, b(1), b(2));
        store.put(Table.INODES, b(2), b(2));
        store.delete(Table.INODES, b(1));
        store.rollbackToSavepoint();

        assertArrayEquals(b(1), store.get(Table.INODES, b(1)));
        assertNull(store.get(Table.INODES, b(2)));
    }

    @Test
    void nestedSavepointsRollBackIndependently() {
        store.setSavepoint();
        store.put(Table.INODES, b(1), b(1));
        store.setSavepoint();
        store.put(Table.INODES, b(2), b(2));
        store.rollbackToSavepoint();
        assertNull(store.get(Table.INODES, b(2)));
        assertArrayEquals(b(1), store.get(Table.INODES, b(1)));
        store.rollbackToSavepoint();
        assertNull(store.get(Table.INODES, b(1)));
    }

    @Test
    void releasedSavepointKeepsItsWritesAndCannotBeRolledBackTo() {
        store.setSavepoint();
        store.put(Table.INODES, b(1), b(1));
        store.releaseSavepoint();
        assertArrayEquals(b(1), store.get(Table.INODES, b(1)));
        assertThrows(IllegalStateException.class, store::rollbackToSavepoint);
        assertThrows(IllegalStateException.class, store::releaseSavepoint);
    }

    @Test
    void scanSeesWritesAheadOfItAndToleratesDeletingWhatItReturned() {
        store.put(Table.DENTRIES, b(1), b());
        store.put(Table.DENTRIES, b(3), b());
        List<byte[]> seen = new ArrayList<>();
        try (MetaReader.ScanIterator it = store.scan(Table.DENTRIES, b(), null)) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                seen.add(k);
                store.delete(Table.DENTRIES, k);
                if (k[0] == 1) {
                    store.put(Table.DENTRIES, b(2), b());
                    store.put(Table.DENTRIES, b(0), b());
                }
            }
        }
        assertEquals(3, seen.size());
        assertArrayEquals(b(2), seen.get(1), "written ahead of the scan: seen");
        assertNotNull(store.get(Table.DENTRIES, b(0)), "written behind the scan: not seen, still stored");
    }

    @Test
    void entryFetchedByHasNextIsReturnedEvenIfDeletedMeanwhile() {
        store.put(Table.DENTRIES, b(1), b(9));
        try (MetaReader.ScanIterator it = store.scan(Table.DENTRIES, b(), null)) {
            assertTrue(it.hasNext());
            store.delete(Table.DENTRIES, b(1));
            assertArrayEquals(b(9), it.next().value());
            assertFalse(it.hasNext());
        }
    }

    @Test
    void countsScansThatWereNotClosed() {
        MetaReader.ScanIterator it = store.scan(Table.INODES, b(), null);
        assertEquals(1, store.openIterators());
        it.close();
        it.close();
        assertEquals(0, store.openIterators());
        assertThrows(IllegalStateException.class, it::hasNext);
    }

    @Test
    void recordsEveryWriteAndComparesContents() {
        InMemoryMetaStore other = new InMemoryMetaStore();
        store.put(Table.BLOCKS, b(1), b(1));
        store.delete(Table.BLOCKS, b(2));
        assertEquals(2, store.writes().size());
        assertEquals(InMemoryMetaStore.Kind.DELETE, store.writes().get(1).kind());
        assertFalse(store.sameContents(other));
        other.put(Table.BLOCKS, b(1), b(1));
        assertTrue(store.sameContents(other));
        store.clearWrites();
        assertTrue(store.writes().isEmpty());
    }
}
