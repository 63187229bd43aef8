package io.hydrafs.meta.store;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table keys as hash-map keys: equal by content, and hashes spread over consecutive ids and names. */
class TableKeyTest {

    private static byte[] id(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    @Test
    void keysOfEqualBytesInOneTableAreEqual() {
        TableKey a = TableKey.copyOf(Table.INODES, id(42));
        TableKey b = TableKey.copyOf(Table.INODES, id(42));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, TableKey.copyOf(Table.DENTRIES, id(42)));
    }

    @Test
    void consecutiveInodeIdsGetDistinctHashes() {
        // Arrays.hashCode gives these 100,000 ids only ~9,100 distinct hashes.
        Set<Integer> hashes = new HashSet<>();
        for (long i = 0; i < 100_000; i++) {
            hashes.add(TableKey.copyOf(Table.INODES, id(i)).hashCode());
        }
        assertTrue(hashes.size() >= 99_990, "distinct hashes: " + hashes.size());
    }

    @Test
    void entriesOfManyDirectoriesGetDistinctHashes() {
        Set<Integer> hashes = new HashSet<>();
        for (long parent = 1_000; parent < 1_040; parent++) {
            for (int j = 0; j < 2_500; j++) {
                byte[] name = ("f" + j).getBytes(StandardCharsets.UTF_8);
                byte[] key = ByteBuffer.allocate(Long.BYTES + name.length).putLong(parent).put(name).array();
                hashes.add(TableKey.copyOf(Table.DENTRIES, key).hashCode());
            }
        }
        assertTrue(hashes.size() >= 99_990, "distinct hashes: " + hashes.size());
    }
}
