package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing files whose writer went away: recover_lease (a client) and expire_lease (the leader). */
class LeaseRecoveryTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob");

    @BeforeEach
    void aliceWritesTwoBlocksAndVanishes() throws Exception {
        hdfs.setPermission("/", 0777);
        alice.create(alice.newCreate("/f").setBlockSize(1024));
        LocatedBlockProto first = alice.addBlock("/f", null);
        alice.addBlock("/f", withLength(first, 1024));
    }

    @Test
    void recoverLeaseClosesTheFileAtItsRecordedLengthWhoeverHoldsTheLease() throws Exception {
        alice.setPermission("/f", 0666);
        ctx.advanceClock(60_000);

        assertTrue(bob.recoverLease("/f"));

        FileStatusProto s = bob.stat("/f");
        assertFalse(s.getUnderConstruction());
        assertEquals(1024, s.getLength(), "the unreported last block counts 0 until block recovery exists");
        assertEquals(ctx.now(), s.getMtimeMs());
        assertEquals(0, ctx.store().size(Table.LEASES));
    }

    @Test
    void recoverLeaseOfAClosedFileIsClosedAndWritesNothing() throws Exception {
        hdfs.recoverLease("/f");
        ctx.store().clearWrites();
        assertTrue(hdfs.recoverLease("/f"));
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void recoverLeaseNeedsWriteOnTheFile() {
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.recoverLease("/f"));
    }

    @Test
    void recoverLeaseOfAMissingPathOrADirectoryFails() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.recoverLease("/none"));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.recoverLease("/d"));
    }

    @Test
    void formerWriterCannotAddBlocksAfterRecovery() throws Exception {
        hdfs.recoverLease("/f");
        LocatedBlockProto last = LocatedBlockProto.newBuilder().setBlock(ctx.inode("/f").getBlocks(1)).build();
        assertFails(ErrorCode.NOT_UNDER_CONSTRUCTION, () -> alice.addBlock("/f", withLength(last, 0)));
    }

    @Test
    void expireLeaseClosesTheFileWithoutAnyUser() throws Exception {
        assertTrue(ctx.expireLease("/f", alice.clientName()));
        assertFalse(hdfs.stat("/f").getUnderConstruction());
        assertEquals(0, ctx.store().size(Table.LEASES));
    }

    @Test
    void expireLeaseOfAnotherHoldersFileLeavesItOpen() throws Exception {
        ctx.store().clearWrites();
        assertFalse(ctx.expireLease("/f", "someone-else"));
        assertTrue(hdfs.stat("/f").getUnderConstruction());
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void expireLeaseOfAClosedOrMissingFile() throws Exception {
        hdfs.recoverLease("/f");
        assertTrue(ctx.expireLease("/f", alice.clientName()));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> ctx.expireLease("/none", alice.clientName()));
    }

    @Test
    void filesUnderConstructionListsEveryOpenFileByHolderThenInode() throws Exception {
        bob.create("/b2");
        alice.create("/a2");
        long f = ctx.inode("/f").getId();

        assertEquals(List.of(
                        new UnderConstructionFile(f, "/f", alice.clientName()),
                        new UnderConstructionFile(ctx.inode("/a2").getId(), "/a2", alice.clientName()),
                        new UnderConstructionFile(ctx.inode("/b2").getId(), "/b2", bob.clientName())),
                ctx.namespace().filesUnderConstruction(ctx.store()));
    }

    @Test
    void pathOfFollowsTheInodeThroughRenames() throws Exception {
        long id = ctx.inode("/f").getId();
        hdfs.mkdirs("/x/y");
        hdfs.rename("/f", "/x/y/g");
        assertEquals(Optional.of("/x/y/g"), ctx.namespace().pathOf(id, ctx.store()));
        assertEquals(Optional.of("/"), ctx.namespace().pathOf(NamespaceKeys.ROOT_ID, ctx.store()));
        assertEquals(Optional.empty(), ctx.namespace().pathOf(9999, ctx.store()));
    }
}
