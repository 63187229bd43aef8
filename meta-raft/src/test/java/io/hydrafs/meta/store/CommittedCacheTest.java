package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommittedCacheTest {
    private final CommittedCache cache = new CommittedCache(2);

    private static TableKey inode(String key) {
        return TableKey.copyOf(Table.INODES, utf8(key));
    }

    @Test
    void aValueReadBeforeACommitIsNotAddedAfterIt() {
        long stamp = cache.stamp();
        cache.committed(Map.of(inode("a"), utf8("new")));

        cache.fill(inode("a"), utf8("old"), stamp);

        assertEquals("new", text(cache.get(inode("a"))));
    }

    @Test
    void aValueReadBeforeAClearIsNotAdded() {
        long stamp = cache.stamp();
        cache.clear();

        cache.fill(inode("a"), utf8("1"), stamp);

        assertNull(cache.get(inode("a")));
    }

    @Test
    void absentKeysAndDeletesAreCachedAsAbsent() {
        cache.fill(inode("missing"), null, cache.stamp());
        cache.committed(Map.of(inode("gone"), PendingWrites.DELETED));

        assertSame(CommittedCache.ABSENT, cache.get(inode("missing")));
        assertSame(CommittedCache.ABSENT, cache.get(inode("gone")));
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedAtCapacity() {
        cache.fill(inode("a"), utf8("1"), cache.stamp());
        cache.fill(inode("b"), utf8("2"), cache.stamp());
        cache.get(inode("a"));

        cache.committed(Map.of(inode("c"), utf8("3")));

        assertEquals(2, cache.size());
        assertNull(cache.get(inode("b")));
        assertEquals("1", text(cache.get(inode("a"))));
        assertEquals("3", text(cache.get(inode("c"))));
    }

    @Test
    void onlyPointReadTablesAreCachedAndNeverTheStoresOwnKeys() {
        assertTrue(cache.caches(Table.INODES, utf8("a")));
        assertTrue(cache.caches(Table.SYSTEM, utf8("next.inode")));
        assertFalse(cache.caches(Table.SYSTEM, AppliedIndex.STORAGE_KEY));
        assertFalse(cache.caches(Table.RETRY_CACHE, utf8("a")));
        assertFalse(new CommittedCache(0).caches(Table.INODES, utf8("a")));
    }
}
