package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.MetaOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenameTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    private long count(List<InMemoryMetaStore.Write> writes, Table table, InMemoryMetaStore.Kind kind) {
        return writes.stream().filter(w -> w.table() == table && w.kind() == kind).count();
    }

    @Test
    void renameToANewNameKeepsTheInodeAndUpdatesTheParentsMtime() throws Exception {
        hdfs.mkdirs("/d");
        long id = hdfs.create("/d/f").getInodeId();
        ctx.advanceClock(9);

        assertEquals("/d/g", hdfs.rename("/d/f", "/d/g"));

        assertFalse(ctx.exists("/d/f"));
        assertEquals(id, hdfs.stat("/d/g").getInodeId());
        assertEquals(ctx.now(), hdfs.stat("/d").getMtimeMs());
        assertEquals(1, hdfs.stat("/d").getChildCount());
    }

    @Test
    void renameIntoAnExistingDirectoryMovesTheSourceIntoIt() throws Exception {
        hdfs.mkdirs("/src");
        hdfs.mkdirs("/dst");
        hdfs.create("/src/f");

        assertEquals("/dst/f", hdfs.rename("/src/f", "/dst"));

        assertTrue(ctx.exists("/dst/f"));
        assertEquals(0, hdfs.stat("/src").getChildCount());
        assertEquals(1, hdfs.stat("/dst").getChildCount());
    }

    @Test
    void renameToTheRootMovesUnderTheRoot() throws Exception {
        hdfs.mkdirs("/a/b");
        assertEquals("/b", hdfs.rename("/a/b", "/"));
    }

    @Test
    void renameOverAnExistingFileIsFileAlreadyExists() throws Exception {
        hdfs.create("/f");
        hdfs.create("/g");
        HydraException e = assertFails(ErrorCode.FILE_ALREADY_EXISTS, () -> hdfs.rename("/f", "/g"));
        assertTrue(e.getMessage().contains("/g"), e.getMessage());
    }

    @Test
    void renameIntoADirectoryThatHasTheNameAlreadyIsFileAlreadyExists() throws Exception {
        hdfs.mkdirs("/dst/f");
        hdfs.create("/f");
        assertFails(ErrorCode.FILE_ALREADY_EXISTS, () -> hdfs.rename("/f", "/dst"));
    }

    @Test
    void missingSourceIsFileNotFound() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.rename("/d/none", "/e"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.rename("/none/none", "/e"));
    }

    @Test
    void missingDestinationParentIsFileNotFound() throws Exception {
        hdfs.create("/f");
        HydraException e = assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.rename("/f", "/no/g"));
        assertTrue(e.getMessage().contains("/no"), e.getMessage());
    }

    @Test
    void fileAsDestinationParentIsParentNotDirectory() throws Exception {
        hdfs.create("/f");
        hdfs.create("/g");
        assertFails(ErrorCode.PARENT_NOT_DIRECTORY, () -> hdfs.rename("/f", "/g/h"));
    }

    @Test
    void renamingTheRootIsRenameIntoSubtree() {
        assertFails(ErrorCode.RENAME_INTO_SUBTREE, () -> hdfs.rename("/", "/x"));
    }

    @Test
    void renamingADirectoryIntoItsOwnSubtreeIsRenameIntoSubtree() throws Exception {
        hdfs.mkdirs("/a/b/c");
        assertFails(ErrorCode.RENAME_INTO_SUBTREE, () -> hdfs.rename("/a", "/a/b/c/d"));
        assertFails(ErrorCode.RENAME_INTO_SUBTREE, () -> hdfs.rename("/a", "/a/b"));
        // a directory onto itself moves into itself: /a/a
        assertFails(ErrorCode.RENAME_INTO_SUBTREE, () -> hdfs.rename("/a", "/a"));
    }

    @Test
    void renamingAFileOntoItselfSucceedsAndWritesNothing() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.create("/d/f");
        ctx.store().clearWrites();

        assertEquals("/d/f", hdfs.rename("/d/f", "/d/f"));
        assertEquals("/d/f", hdfs.rename("/d/f", "/d"), "into the directory that holds it already");

        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void siblingWithACommonNamePrefixIsNotInsideTheSubtree() throws Exception {
        hdfs.mkdirs("/a");
        assertEquals("/ab", hdfs.rename("/a", "/ab"));
    }

    @Test
    void directoryRenameMovesTheWholeSubtreeTouchingFiveKeys() throws Exception {
        hdfs.mkdirs("/src/dir/x/y");
        hdfs.writeFile("/src/dir/x/file", 10, 20);
        hdfs.mkdirs("/dst");
        ctx.store().clearWrites();

        assertEquals("/dst/moved", hdfs.rename("/src/dir", "/dst/moved"));

        List<InMemoryMetaStore.Write> writes = ctx.store().writes();
        assertEquals(5, writes.size(), writes.toString());
        assertEquals(1, count(writes, Table.DENTRIES, InMemoryMetaStore.Kind.DELETE));
        assertEquals(1, count(writes, Table.DENTRIES, InMemoryMetaStore.Kind.PUT));
        assertEquals(3, count(writes, Table.INODES, InMemoryMetaStore.Kind.PUT), "moved inode and two parents");
        assertEquals(30, hdfs.stat("/dst/moved/x/file").getLength());
        assertTrue(ctx.exists("/dst/moved/x/y"));
        assertFalse(ctx.exists("/src/dir"));
    }

    @Test
    void renameWithinOneDirectoryTouchesFourKeys() throws Exception {
        hdfs.mkdirs("/d/big/sub");
        ctx.store().clearWrites();

        hdfs.rename("/d/big", "/d/renamed");

        assertEquals(4, ctx.store().writes().size(), ctx.store().writes().toString());
        assertEquals(1, hdfs.stat("/d").getChildCount());
    }

    @Test
    void bothParentsGetTheNewMtimeAndChildCounts() throws Exception {
        hdfs.mkdirs("/a");
        hdfs.mkdirs("/b");
        hdfs.create("/a/f");
        ctx.advanceClock(100);

        hdfs.rename("/a/f", "/b/f");

        FileStatusProto a = hdfs.stat("/a");
        FileStatusProto b = hdfs.stat("/b");
        assertEquals(ctx.now(), a.getMtimeMs());
        assertEquals(ctx.now(), b.getMtimeMs());
        assertEquals(0, a.getChildCount());
        assertEquals(1, b.getChildCount());
    }

    @Test
    void movedSubtreeAncestorsKeepTheirCounts() throws Exception {
        hdfs.mkdirs("/a/b/c");
        hdfs.rename("/a/b/c", "/a");
        assertEquals(2, hdfs.stat("/a").getChildCount());
        assertEquals(0, hdfs.stat("/a/b").getChildCount());
    }

    @Test
    void aWriterNamingItsFileByIdGoesOnAfterARenameAndFailsOnceTheFileIsGone() throws Exception {
        long fileId = hdfs.create("/f").getInodeId();
        MetaOp.Builder addBlock = MetaOp.newBuilder().addAllChosenTargets(NamespaceTestContext.TARGETS)
                .setAddBlock(AddBlockRequest.newBuilder().setPath("/f").setFileId(fileId)
                        .setClientName(hdfs.clientName()));
        LocatedBlockProto block = ((AddBlockResponse) hdfs.op(addBlock)).getBlock();

        hdfs.rename("/f", "/g");
        CompleteRequest.Builder complete = CompleteRequest.newBuilder().setPath("/f").setFileId(fileId)
                .setClientName(hdfs.clientName()).setLast(withLength(block, 5));

        assertTrue(((CompleteResponse) hdfs.op(MetaOp.newBuilder().setComplete(complete))).getCompleted());
        assertEquals(5, hdfs.stat("/g").getLength());
        hdfs.delete("/g", false);
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.op(MetaOp.newBuilder().setComplete(complete)));
    }

    @Test
    void openFileKeepsItsLeaseAcrossARename() throws Exception {
        hdfs.mkdirs("/a");
        hdfs.mkdirs("/b");
        hdfs.create("/a/f");
        LocatedBlockProto block = hdfs.addBlock("/a/f", null);

        hdfs.rename("/a", "/b/a2");

        assertEquals("/b/a2/f", ctx.namespace().filesUnderConstruction(ctx.store()).get(0).path());
        assertTrue(hdfs.complete("/b/a2/f", withLength(block, 5)));
        assertEquals(5, hdfs.stat("/b/a2/f").getLength());
    }
}
