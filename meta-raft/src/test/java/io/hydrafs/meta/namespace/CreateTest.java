package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob", "staff");

    private void homeFor(String user) throws HydraException {
        hdfs.mkdirs("/home/" + user);
        hdfs.setOwner("/home/" + user, user, "");
    }

    @Test
    void newFileIsEmptyUnderConstructionAndLeasedToTheClient() throws Exception {
        homeFor("alice");
        ctx.advanceClock(7);

        FileStatusProto s = alice.create("/home/alice/f");

        assertEquals("/home/alice/f", s.getPath());
        assertEquals(InodeType.FILE, s.getType());
        assertEquals(0, s.getLength());
        assertTrue(s.getUnderConstruction());
        assertEquals("alice", s.getOwner());
        assertEquals(NamespaceTestContext.SUPERGROUP, s.getGroup(), "group of the parent directory");
        assertEquals(0644, s.getPermission(), "0666 less the umask 022");
        assertEquals(ctx.now(), s.getMtimeMs());
        assertEquals(ctx.now(), s.getAtimeMs());
        assertEquals(alice.clientName(), ctx.inode("/home/alice/f").getLeaseHolder());
        assertEquals(List.of(new UnderConstructionFile(s.getInodeId(), "/home/alice/f", alice.clientName())),
                ctx.namespace().filesUnderConstruction(ctx.store()));
        assertEquals(s, alice.stat("/home/alice/f"), "the answer is the stored status");
    }

    @Test
    void parentGainsTheChildAndANewMtime() throws Exception {
        hdfs.mkdirs("/d");
        ctx.advanceClock(3);
        hdfs.create("/d/f");
        FileStatusProto d = hdfs.stat("/d");
        assertEquals(1, d.getChildCount());
        assertEquals(ctx.now(), d.getMtimeMs());
    }

    @Test
    void zeroReplicationAndBlockSizeTakeThePolicyDefaults() throws Exception {
        FileStatusProto s = hdfs.create("/f");
        assertEquals(3, s.getReplication());
        assertEquals(128L << 20, s.getBlockSize());
    }

    @Test
    void requestedReplicationBlockSizeAndPermissionAreKept() throws Exception {
        FileStatusProto s = hdfs.create(hdfs.newCreate("/f").setReplication(2).setBlockSize(4096).setPermission(0600));
        assertEquals(2, s.getReplication());
        assertEquals(4096, s.getBlockSize());
        assertEquals(0600, s.getPermission());
    }

    @Test
    void replicationOutsideThePolicyRangeIsInvalidArgument() {
        NamespaceTestContext narrow = NamespaceTestContext.create(p -> p.minReplication(2).maxReplication(5));
        NamespaceTestContext.Actor su = narrow.asSuperuser();
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> su.create(su.newCreate("/f").setReplication(1)));
        HydraException e = assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> su.create(su.newCreate("/f").setReplication(6)));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> su.create(su.newCreate("/f").setReplication(-1)));
    }

    @Test
    void blockSizeBelowTheMinimumOrNotAMultipleOf512IsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/f").setBlockSize(256)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/f").setBlockSize(1000)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/f").setBlockSize(-512)));
    }

    @Test
    void emptyClientNameIsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/f").setClientName("")));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/f").setClientName("a\0b")));
    }

    @Test
    void missingParentIsFileNotFoundWithoutCreateParent() {
        HydraException e = assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.create("/a/b/f"));
        assertTrue(e.getMessage().contains("/a/b"), e.getMessage());
    }

    @Test
    void createParentMakesMissingDirectoriesAsMkdirsWould() throws Exception {
        hdfs.create(hdfs.newCreate("/a/b/f").setCreateParent(true).setPermission(0600));

        assertEquals(InodeType.DIRECTORY, hdfs.stat("/a/b").getType());
        assertEquals(0755, hdfs.stat("/a").getPermission());
        assertEquals(0755, hdfs.stat("/a/b").getPermission());
        assertEquals(0600, hdfs.stat("/a/b/f").getPermission());
        assertEquals(1, hdfs.stat("/a/b").getChildCount());
    }

    @Test
    void directoryAtThePathIsFileAlreadyExists() throws Exception {
        hdfs.mkdirs("/d");
        HydraException e = assertFails(ErrorCode.FILE_ALREADY_EXISTS,
                () -> hdfs.create(hdfs.newCreate("/d").setOverwrite(true)));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        assertFails(ErrorCode.FILE_ALREADY_EXISTS, () -> hdfs.create("/"));
    }

    @Test
    void closedFileWithoutOverwriteIsFileAlreadyExists() throws Exception {
        hdfs.writeFile("/f", 10);
        assertFails(ErrorCode.FILE_ALREADY_EXISTS, () -> hdfs.create("/f"));
    }

    @Test
    void fileBeingWrittenIsAlreadyBeingCreatedEvenWithOverwriteOrByItsOwnWriter() throws Exception {
        hdfs.mkdirs("/tmp");
        hdfs.setPermission("/tmp", 0777);
        alice.create("/tmp/f");
        alice.setPermission("/tmp/f", 0666);

        HydraException e = assertFails(ErrorCode.ALREADY_BEING_CREATED,
                () -> bob.create(bob.newCreate("/tmp/f").setOverwrite(true)));
        assertTrue(e.getMessage().contains(alice.clientName()), e.getMessage());
        assertFails(ErrorCode.ALREADY_BEING_CREATED, () -> alice.create(alice.newCreate("/tmp/f").setOverwrite(true)));
        assertFails(ErrorCode.ALREADY_BEING_CREATED, () -> bob.create("/tmp/f"));
    }

    @Test
    void overwriteReplacesAClosedFileByANewInodeAndDropsItsBlocks() throws Exception {
        FileStatusProto old = hdfs.writeFile("/f", 100, 200);
        List<Long> oldBlocks = ctx.inode("/f").getBlocksList().stream().map(b -> b.getBlockId()).toList();

        FileStatusProto s = hdfs.create(hdfs.newCreate("/f").setOverwrite(true));

        assertNotEquals(old.getInodeId(), s.getInodeId());
        assertEquals(0, s.getLength());
        assertTrue(s.getUnderConstruction());
        assertEquals(1, hdfs.stat("/").getChildCount());
        assertNull(ctx.store().get(Table.INODES, NamespaceKeys.inodeKey(old.getInodeId())));
        for (long block : oldBlocks) {
            assertNull(ctx.store().get(Table.BLOCKS, NamespaceKeys.blockKey(block)));
        }
    }

    @Test
    void overwriteNeedsWriteOnTheFileAndOnItsDirectory() throws Exception {
        homeFor("alice");
        hdfs.setPermission("/home/alice", 0777);
        alice.writeFile("/home/alice/f", 1);
        alice.setPermission("/home/alice/f", 0644);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.create(bob.newCreate("/home/alice/f").setOverwrite(true)));
        alice.setPermission("/home/alice/f", 0666);
        assertNotNull(bob.create(bob.newCreate("/home/alice/f").setOverwrite(true)));
    }

    @Test
    void createNeedsWriteAndExecuteOnTheParent() throws Exception {
        homeFor("alice");
        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.create("/home/alice/f"));
        assertTrue(e.getMessage().contains("user=bob"), e.getMessage());
        assertFalse(ctx.exists("/home/alice/f"));
    }
}
