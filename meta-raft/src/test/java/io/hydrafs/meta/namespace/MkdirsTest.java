package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MkdirsTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");

    @Test
    void createsADirectoryOwnedByTheCallerInTheParentsGroup() throws Exception {
        hdfs.mkdirs("/user");
        hdfs.setPermission("/user", 0777);
        ctx.advanceClock(5);

        assertTrue(alice.mkdirs("/user/alice"));

        FileStatusProto s = alice.stat("/user/alice");
        assertEquals(InodeType.DIRECTORY, s.getType());
        assertEquals("alice", s.getOwner());
        assertEquals(NamespaceTestContext.SUPERGROUP, s.getGroup(), "group comes from the parent, not the caller");
        assertEquals(ctx.now(), s.getMtimeMs());
        assertEquals(0, s.getAtimeMs(), "directories keep no access time");
        assertEquals(0, s.getChildCount());
    }

    @Test
    void permissionIsTheRequestedOneLessTheUmaskAndDefaultsTo0777() throws Exception {
        hdfs.mkdirs("/requested", 0777);
        hdfs.mkdirs("/defaulted");
        hdfs.mkdirs("/sticky", 01777);
        hdfs.mkdirs("/narrow", 0700);

        assertEquals(0755, hdfs.stat("/requested").getPermission());
        assertEquals(0755, hdfs.stat("/defaulted").getPermission());
        assertEquals(01755, hdfs.stat("/sticky").getPermission(), "the umask leaves the sticky bit alone");
        assertEquals(0700, hdfs.stat("/narrow").getPermission());
    }

    @Test
    void createsMissingParentsWithImplicitOwnerWriteAndExecute() throws Exception {
        assertTrue(hdfs.mkdirs("/a/b/c", 0444));

        assertEquals(0744, hdfs.stat("/a").getPermission());
        assertEquals(0744, hdfs.stat("/a/b").getPermission());
        assertEquals(0444, hdfs.stat("/a/b/c").getPermission());
        assertEquals(1, hdfs.stat("/a").getChildCount());
        assertEquals(1, hdfs.stat("/a/b").getChildCount());
        assertEquals(0, hdfs.stat("/a/b/c").getChildCount());
    }

    @Test
    void idsAreHandedOutInOrderFromTheCounter() throws Exception {
        hdfs.mkdirs("/a/b/c");
        hdfs.mkdirs("/d");

        assertEquals(2, hdfs.stat("/a").getInodeId());
        assertEquals(3, hdfs.stat("/a/b").getInodeId());
        assertEquals(4, hdfs.stat("/a/b/c").getInodeId());
        assertEquals(5, hdfs.stat("/d").getInodeId());
    }

    @Test
    void existingDirectoryIsNotCreatedAgainAndNothingIsWritten() throws Exception {
        hdfs.mkdirs("/a/b");
        ctx.store().clearWrites();

        assertFalse(hdfs.mkdirs("/a/b"));
        assertFalse(hdfs.mkdirs("/a"));
        assertFalse(hdfs.mkdirs("/"));
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void existingDirectoryNeedsOnlyTraverseAccess() throws Exception {
        hdfs.mkdirs("/locked/inner", 0711);
        hdfs.setPermission("/locked", 0711);

        assertFalse(alice.mkdirs("/locked/inner"), "no write access needed to find it exists");
    }

    @Test
    void fileAtThePathIsFileAlreadyExists() throws Exception {
        hdfs.create("/f");
        assertFails(ErrorCode.FILE_ALREADY_EXISTS, () -> hdfs.mkdirs("/f"));
    }

    @Test
    void fileAboveThePathIsParentNotDirectory() throws Exception {
        hdfs.create("/f");
        assertFails(ErrorCode.PARENT_NOT_DIRECTORY, () -> hdfs.mkdirs("/f/a/b"));
    }

    @Test
    void existingAncestorGainsOneChildAndANewMtime() throws Exception {
        hdfs.mkdirs("/a");
        long created = ctx.now();
        ctx.advanceClock(10);

        hdfs.mkdirs("/a/b/c");

        FileStatusProto a = hdfs.stat("/a");
        assertEquals(1, a.getChildCount());
        assertEquals(created + 10, a.getMtimeMs());
        assertEquals(created, hdfs.stat("/").getMtimeMs(), "only the directory that gains a child changes");
    }

    @Test
    void mkdirsOfThreeLevelsWritesOneCounterTwoKeysPerDirectoryAndTheAncestor() throws Exception {
        ctx.store().clearWrites();

        hdfs.mkdirs("/a/b/c");

        List<InMemoryMetaStore.Write> writes = ctx.store().writes();
        assertEquals(8, writes.size(), writes.toString());
        assertEquals(1, writes.stream().filter(w -> w.table() == Table.SYSTEM).count());
        assertEquals(3, writes.stream().filter(w -> w.table() == Table.DENTRIES).count());
        assertEquals(4, writes.stream().filter(w -> w.table() == Table.INODES).count());
    }

    @Test
    void needsWriteAndExecuteOnTheDeepestExistingAncestor() throws Exception {
        hdfs.mkdirs("/shared", 0755);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.mkdirs("/shared/alice/deep"));
        hdfs.setPermission("/shared", 0777);
        assertTrue(alice.mkdirs("/shared/alice/deep"));
    }
}
