package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.hydrafs.meta.namespace.NamespaceTestContext.TARGETS;
import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Taking a file from a writer that went away: recover_lease (a client) and expire_lease (the
 * leader) close a file without blocks, and start block recovery of a file with blocks.
 */
class LeaseRecoveryTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob");
    private LocatedBlockProto second;

    @BeforeEach
    void aliceWritesTwoBlocksAndVanishes() throws Exception {
        hdfs.setPermission("/", 0777);
        alice.create(alice.newCreate("/f").setBlockSize(1024));
        LocatedBlockProto first = alice.addBlock("/f", null);
        second = alice.addBlock("/f", withLength(first, 1024));
    }

    @Test
    void recoverLeaseOfAFileWithBlocksStartsRecoveryOfItsLastBlockUnderTheRecoveryHolder() throws Exception {
        alice.setPermission("/f", 0666);
        long id = ctx.inode("/f").getId();

        RecoverLeaseResponse r = bob.recover("/f");

        assertFalse(r.getClosed());
        assertEquals(id, r.getInodeId());
        long stamp = second.getBlock().getGenerationStamp() + 1;
        assertEquals(second.getBlock().toBuilder().setGenerationStamp(stamp).build(), r.getRecovering());
        InodeProto file = ctx.inode("/f");
        assertTrue(file.getUnderConstruction());
        assertEquals(LeaseHolders.RECOVERY, file.getLeaseHolder());
        assertEquals(stamp, file.getRecoveryGenerationStamp());
        assertEquals(second.getBlock(), file.getBlocks(1), "the stored block keeps its stamp until the commit");
        assertEquals(List.of(new UnderConstructionFile(id, "/f", LeaseHolders.RECOVERY)),
                ctx.namespace().filesUnderConstruction(ctx.store()));
    }

    @Test
    void recoverLeaseOfAFileWithoutBlocksClosesItAtOnce() throws Exception {
        alice.create("/empty");
        ctx.advanceClock(60_000);

        assertTrue(hdfs.recoverLease("/empty"));

        FileStatusProto s = hdfs.stat("/empty");
        assertFalse(s.getUnderConstruction());
        assertEquals(ctx.now(), s.getMtimeMs());
        assertEquals(List.of(new UnderConstructionFile(ctx.inode("/f").getId(), "/f", alice.clientName())),
                ctx.namespace().filesUnderConstruction(ctx.store()));
    }

    @Test
    void aClientRecoveringAgainSoonGetsTheAttemptUnderWay() throws Exception {
        long firstAttempt = hdfs.recover("/f").getRecovering().getGenerationStamp();
        ctx.store().clearWrites();

        RecoverLeaseResponse again = hdfs.recover("/f");

        assertFalse(again.getClosed());
        assertEquals(firstAttempt, again.getRecovering().getGenerationStamp());
        assertTrue(ctx.store().writes().isEmpty(), "polling recoverLease must not void the attempt it waits for");
    }

    @Test
    void aClientRecoveringAgainLaterStartsANewAttemptWithANewerStamp() throws Exception {
        long firstAttempt = hdfs.recover("/f").getRecovering().getGenerationStamp();
        ctx.advanceClock(LeaseRecoveryOp.CLIENT_RETRY_AFTER_MS);

        RecoverLeaseResponse again = hdfs.recover("/f");

        assertFalse(again.getClosed());
        assertTrue(again.getRecovering().getGenerationStamp() > firstAttempt);
        assertEquals(again.getRecovering().getGenerationStamp(), ctx.inode("/f").getRecoveryGenerationStamp());
        assertEquals(1, ctx.store().size(Table.LEASES));
    }

    @Test
    void recoverLeaseOfAClosedFileIsClosedAndWritesNothing() throws Exception {
        alice.complete("/f", withLength(second, 10));
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
    void formerWriterLosesTheLeaseOnceRecoveryStarted() throws Exception {
        hdfs.recoverLease("/f");
        String c = alice.clientName();
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.addBlock("/f", withLength(second, 10)));
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.complete("/f", withLength(second, 10)));
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.abandonBlock("/f", c, second.getBlock()));
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.updatePipeline("/f", second.getBlock(), TARGETS));
    }

    @Test
    void createAndAppendDuringRecoveryAreRecoveryInProgressAndRetryable() throws Exception {
        hdfs.recoverLease("/f");
        HydraException create = assertFails(ErrorCode.RECOVERY_IN_PROGRESS,
                () -> hdfs.create(hdfs.newCreate("/f").setOverwrite(true)));
        assertTrue(create.retryable());
        assertFails(ErrorCode.RECOVERY_IN_PROGRESS, () -> hdfs.append("/f"));
    }

    @Test
    void clientsCannotNameThemselvesLikeTheRecoveryHolder() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.create(hdfs.newCreate("/g").setClientName(LeaseHolders.RECOVERY)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.append("/f", LeaseHolders.RECOVERY));
    }

    @Test
    void expireLeaseStartsRecoveryWithoutAnyUser() throws Exception {
        RecoverLeaseResponse r = ctx.expire("/f", alice.clientName());
        assertFalse(r.getClosed());
        assertEquals(r.getRecovering().getGenerationStamp(), ctx.inode("/f").getRecoveryGenerationStamp());
        assertEquals(LeaseHolders.RECOVERY, ctx.inode("/f").getLeaseHolder());
    }

    @Test
    void expireLeaseOfTheRecoveryHolderRetriesTheRecovery() throws Exception {
        long firstAttempt = ctx.expire("/f", alice.clientName()).getRecovering().getGenerationStamp();
        RecoverLeaseResponse retry = ctx.expire("/f", LeaseHolders.RECOVERY);
        assertTrue(retry.getRecovering().getGenerationStamp() > firstAttempt);
    }

    @Test
    void expireLeaseOfAFileWithoutBlocksClosesIt() throws Exception {
        alice.create("/empty");
        assertTrue(ctx.expireLease("/empty", alice.clientName()));
        assertFalse(hdfs.stat("/empty").getUnderConstruction());
    }

    @Test
    void expireLeaseOfAnotherHoldersFileLeavesItOpen() throws Exception {
        ctx.store().clearWrites();
        RecoverLeaseResponse r = ctx.expire("/f", "someone-else");
        assertFalse(r.getClosed());
        assertFalse(r.hasRecovering());
        assertTrue(hdfs.stat("/f").getUnderConstruction());
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void expireLeaseOfAClosedOrMissingFile() throws Exception {
        alice.complete("/f", withLength(second, 10));
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
