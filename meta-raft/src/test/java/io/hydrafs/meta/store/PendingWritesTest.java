package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.text;
import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PendingWritesTest {
    private final PendingWrites writes = new PendingWrites();

    private static TableKey key(String k) {
        return TableKey.copyOf(Table.INODES, utf8(k));
    }

    @Test
    void theLatestWriteOfAKeyWins() {
        writes.put(key("a"), utf8("1"));
        writes.put(key("a"), utf8("2"));
        writes.delete(key("b"));

        assertEquals("2", text(writes.lookup(key("a"))));
        assertSame(PendingWrites.DELETED, writes.lookup(key("b")));
        assertNull(writes.lookup(key("c")));
    }

    @Test
    void aWriteKeepsItsOwnCopyOfTheValue() {
        byte[] value = utf8("1");
        writes.put(key("a"), value);
        value[0] = 'x';

        assertEquals("1", text(writes.lookup(key("a"))));
    }

    @Test
    void rollbackRestoresTheWritesMadeBeforeTheSavepoint() {
        writes.put(key("a"), utf8("1"));
        writes.setSavepoint();
        writes.put(key("a"), utf8("2"));
        writes.delete(key("a"));
        writes.put(key("b"), utf8("3"));

        writes.rollbackToSavepoint();

        assertEquals("1", text(writes.lookup(key("a"))));
        assertNull(writes.lookup(key("b")));
        assertEquals(1, writes.all().size());
    }

    @Test
    void aReleasedInnerSavepointsWritesAreStillUndoneByTheOuterOne() {
        writes.setSavepoint();
        writes.put(key("a"), utf8("1"));
        writes.setSavepoint();
        writes.put(key("a"), utf8("2"));
        writes.releaseSavepoint();

        assertEquals("2", text(writes.lookup(key("a"))));
        writes.rollbackToSavepoint();

        assertNull(writes.lookup(key("a")));
    }

    @Test
    void rollbackOrReleaseWithoutASavepointFailsAsABug() {
        assertThrows(IllegalStateException.class, writes::rollbackToSavepoint);
        assertThrows(IllegalStateException.class, writes::releaseSavepoint);
    }
}
