package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    private long deletes(Table table) {
        return ctx.store().writes().stream()
                .filter(w -> w.table() == table && w.kind() == InMemoryMetaStore.Kind.DELETE).count();
    }

    @Test
    void missingPathIsNotDeletedAndNotAnError() throws Exception {
        hdfs.mkdirs("/d");
        ctx.store().clearWrites();

        assertFalse(hdfs.delete("/d/none", false));
        assertFalse(hdfs.delete("/none/none", true));
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void deletingAMissingNameStillNeedsWriteOnItsParent() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.PERMISSION_DENIED, () -> ctx.asUser("alice").delete("/d/none", false));
    }

    @Test
    void theRootCannotBeDeleted() {
        assertFails(ErrorCode.CANNOT_DELETE_ROOT, () -> hdfs.delete("/", true));
        assertFails(ErrorCode.CANNOT_DELETE_ROOT, () -> hdfs.delete("/", false));
    }

    @Test
    void deletingAFileRemovesItsInodeEntryAndBlocks() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.writeFile("/d/f", 10, 20);
        List<BlockProto> blocks = ctx.inode("/d/f").getBlocksList();
        long id = ctx.inode("/d/f").getId();
        ctx.advanceClock(4);

        assertTrue(hdfs.delete("/d/f", false));

        assertFalse(ctx.exists("/d/f"));
        assertNull(ctx.store().get(Table.INODES, NamespaceKeys.inodeKey(id)));
        for (BlockProto b : blocks) {
            assertNull(ctx.store().get(Table.BLOCKS, NamespaceKeys.blockKey(b.getBlockId())));
        }
        assertEquals(0, hdfs.stat("/d").getChildCount());
        assertEquals(ctx.now(), hdfs.stat("/d").getMtimeMs());
    }

    @Test
    void emptyDirectoryIsDeletedWithoutRecursive() throws Exception {
        hdfs.mkdirs("/d");
        assertTrue(hdfs.delete("/d", false));
        assertFalse(ctx.exists("/d"));
    }

    @Test
    void nonEmptyDirectoryWithoutRecursiveIsDirectoryNotEmpty() throws Exception {
        hdfs.mkdirs("/d/e");
        assertFails(ErrorCode.DIRECTORY_NOT_EMPTY, () -> hdfs.delete("/d", false));
        assertTrue(ctx.exists("/d/e"));
    }

    @Test
    void recursiveDeleteRemovesEveryKeyOfTheSubtree() throws Exception {
        // 3 directories, 4 files (one still being written), 5 blocks
        hdfs.mkdirs("/top/a/b");
        hdfs.writeFile("/top/f1", 1, 2);
        hdfs.writeFile("/top/a/f2", 3);
        hdfs.writeFile("/top/a/b/f3");
        hdfs.create("/top/a/b/open");
        hdfs.addBlock("/top/a/b/open", withLength(hdfs.addBlock("/top/a/b/open", null), 7));
        hdfs.mkdirs("/kept");
        ctx.store().clearWrites();

        assertTrue(hdfs.delete("/top", true));

        assertEquals(7, deletes(Table.INODES));
        assertEquals(7, deletes(Table.DENTRIES));
        assertEquals(5, deletes(Table.BLOCKS));
        assertEquals(1, deletes(Table.LEASES));
        assertEquals(21, ctx.store().writes().size(), "and one put: the root's child count");
        assertEquals(2, ctx.store().size(Table.INODES), "the root and /kept remain");
        assertEquals(0, ctx.store().size(Table.BLOCKS));
        assertEquals(0, ctx.store().size(Table.LEASES));
        assertTrue(ctx.namespace().filesUnderConstruction(ctx.store()).isEmpty());
        assertEquals(1, hdfs.stat("/").getChildCount());
    }

    @Test
    void deletingAFileBeingWrittenDropsItsLease() throws Exception {
        hdfs.create("/open");
        assertTrue(hdfs.delete("/open", false));
        assertEquals(0, ctx.store().size(Table.LEASES));
    }

    @Test
    void deleteNeedsWriteAndExecuteOnTheParent() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.create("/d/f");
        hdfs.setPermission("/d/f", 0777);
        NamespaceTestContext.Actor alice = ctx.asUser("alice");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.delete("/d/f", false));
        hdfs.setPermission("/d", 0777);
        assertTrue(alice.delete("/d/f", false));
    }

    @Test
    void recursiveDeleteNeedsWriteAndExecuteOnEveryNonEmptySubdirectory() throws Exception {
        NamespaceTestContext.Actor alice = ctx.asUser("alice");
        hdfs.mkdirs("/work");
        hdfs.setPermission("/work", 0777);
        alice.mkdirs("/work/job/locked");
        alice.mkdirs("/work/job/empty");
        alice.create("/work/job/locked/part-0");
        alice.setPermission("/work/job/locked", 0555);
        alice.setPermission("/work/job/empty", 0);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.delete("/work/job", true));
        assertTrue(ctx.exists("/work/job/locked/part-0"), "a denied delete removes nothing");

        alice.setPermission("/work/job/locked", 0755);
        assertTrue(alice.delete("/work/job", true), "an empty directory needs no access of its own");
    }

    @Test
    void recursiveDeleteOfADirectoryNeedsAccessToTheDirectoryItselfWhenNotEmpty() throws Exception {
        NamespaceTestContext.Actor alice = ctx.asUser("alice");
        hdfs.mkdirs("/work");
        hdfs.setPermission("/work", 0777);
        alice.mkdirs("/work/job/x");
        alice.setPermission("/work/job", 0500);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.delete("/work/job", true));
    }
}
