package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.TARGETS;
import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file's writing life: addBlock, abandonBlock, complete, under alice's lease. */
class BlockLifecycleTest {
    private static final String F = "/f";
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    private final String aliceClient = alice.clientName();

    @BeforeEach
    void aliceOpensAFile() throws Exception {
        hdfs.setPermission("/", 0777);
        alice.create(alice.newCreate(F).setBlockSize(1024));
    }

    @Test
    void firstBlockStartsAtOffsetZeroWithFreshIdsAndTheChosenTargets() throws Exception {
        LocatedBlockProto b = alice.addBlock(F, null);

        assertEquals(Counters.FIRST_BLOCK_ID, b.getBlock().getBlockId());
        assertEquals(Counters.FIRST_GENERATION_STAMP, b.getBlock().getGenerationStamp());
        assertEquals(0, b.getBlock().getNumBytes());
        assertEquals(0, b.getOffset());
        assertEquals(TARGETS, b.getTargetsList());
        assertArrayEquals(NamespaceKeys.encodeLong(ctx.inode(F).getId()),
                ctx.store().get(Table.BLOCKS, NamespaceKeys.blockKey(b.getBlock().getBlockId())));
        assertEquals(List.of(b.getBlock()), ctx.inode(F).getBlocksList());
    }

    @Test
    void nextBlockRecordsThePreviousLengthAndStartsWhereItEnded() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        LocatedBlockProto second = alice.addBlock(F, withLength(first, 1024));

        assertEquals(1024, second.getOffset());
        assertEquals(first.getBlock().getBlockId() + 1, second.getBlock().getBlockId());
        assertEquals(first.getBlock().getGenerationStamp() + 1, second.getBlock().getGenerationStamp());
        InodeProto file = ctx.inode(F);
        assertEquals(1024, file.getBlocks(0).getNumBytes());
        assertEquals(1024, file.getLength(), "the length counts reported blocks");
    }

    @Test
    void previousThatIsNotTheLastBlockIsInvalidBlock() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        LocatedBlockProto second = alice.addBlock(F, withLength(first, 1024));

        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.addBlock(F, withLength(first, 1024)), "not the last");
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.addBlock(F, null), "blocks exist, none named");
        assertEquals(2, ctx.inode(F).getBlocksCount());
        assertEquals(second.getBlock(), ctx.inode(F).getBlocks(1));
    }

    @Test
    void previousNamedForAFileWithoutBlocksIsInvalidBlock() {
        BlockProto invented = BlockProto.newBuilder().setBlockId(99).build();
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.addBlock(F, invented));
    }

    @Test
    void previousLongerThanTheBlockSizeIsInvalidBlock() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.addBlock(F, withLength(first, 1025)));
    }

    @Test
    void noChosenTargetsIsNotEnoughBlockstoresAndUsesNoIds() throws Exception {
        HydraException e = assertFails(ErrorCode.NOT_ENOUGH_BLOCKSTORES,
                () -> alice.addBlock(F, aliceClient, null, List.of()));
        assertTrue(e.retryable(), "the cluster may have more blockstores later");
        assertEquals(Counters.FIRST_BLOCK_ID, alice.addBlock(F, null).getBlock().getBlockId());
    }

    @Test
    void anotherClientHasNoLease() {
        HydraException e = assertFails(ErrorCode.LEASE_EXPIRED,
                () -> alice.addBlock(F, "intruder", null, TARGETS));
        assertTrue(e.getMessage().contains("no lease on /f held by intruder"), e.getMessage());
    }

    @Test
    void addBlockOnAClosedFileIsNotUnderConstruction() throws Exception {
        alice.complete(F, null);
        assertFails(ErrorCode.NOT_UNDER_CONSTRUCTION, () -> alice.addBlock(F, null));
    }

    @Test
    void addBlockOnAMissingPathOrADirectoryFails() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.addBlock("/none", null));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> alice.addBlock("/d", null));
    }

    @Test
    void abandonBlockDropsTheLastBlockAndItsBlocksEntry() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        LocatedBlockProto second = alice.addBlock(F, withLength(first, 1000));

        alice.abandonBlock(F, aliceClient, second.getBlock());

        assertEquals(List.of(withLength(first, 1000)), ctx.inode(F).getBlocksList());
        assertNull(ctx.store().get(Table.BLOCKS, NamespaceKeys.blockKey(second.getBlock().getBlockId())));
        LocatedBlockProto retry = alice.addBlock(F, withLength(first, 1000));
        assertEquals(1000, retry.getOffset());
    }

    @Test
    void abandonBlockOfAnythingButTheLastBlockIsInvalidBlock() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        alice.addBlock(F, withLength(first, 1000));

        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.abandonBlock(F, aliceClient, first.getBlock()));
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.abandonBlock(F, aliceClient, null));
    }

    @Test
    void abandonBlockNeedsTheLease() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.abandonBlock(F, "intruder", first.getBlock()));
    }

    @Test
    void completeClosesTheFileWithTheSumOfItsBlocks() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        LocatedBlockProto second = alice.addBlock(F, withLength(first, 1024));
        ctx.advanceClock(30);

        assertTrue(alice.complete(F, withLength(second, 100)));

        FileStatusProto s = alice.stat(F);
        assertFalse(s.getUnderConstruction());
        assertEquals(1124, s.getLength());
        assertEquals(ctx.now(), s.getMtimeMs());
        assertEquals("", ctx.inode(F).getLeaseHolder());
        assertEquals(0, ctx.store().size(Table.LEASES));
        assertTrue(ctx.namespace().filesUnderConstruction(ctx.store()).isEmpty());
    }

    @Test
    void completeOfAnEmptyFileNeedsNoBlock() throws Exception {
        assertTrue(alice.complete(F, null));
        assertEquals(0, alice.stat(F).getLength());
    }

    @Test
    void completeNamingAnotherBlockThanTheLastIsInvalidBlock() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        alice.addBlock(F, withLength(first, 1024));
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.complete(F, withLength(first, 1024)));
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.complete(F, null));
    }

    @Test
    void completeByAnotherClientIsLeaseExpired() throws Exception {
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.complete(F, "intruder", null));
    }

    @Test
    void completingAClosedFileAgainWithItsLastBlockIsSuccessAndWritesNothing() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        alice.complete(F, withLength(first, 10));
        ctx.store().clearWrites();

        assertTrue(alice.complete(F, withLength(first, 10)));
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void completingAClosedFileNamingAnotherBlockIsNotUnderConstruction() throws Exception {
        LocatedBlockProto first = alice.addBlock(F, null);
        alice.complete(F, withLength(first, 10));
        BlockProto other = BlockProto.newBuilder().setBlockId(12345).build();
        assertFails(ErrorCode.NOT_UNDER_CONSTRUCTION, () -> alice.complete(F, other));
    }

    @Test
    void blockIdsAndStampsKeepGrowingAcrossFiles() throws Exception {
        alice.addBlock(F, null);
        alice.create("/g");
        LocatedBlockProto onG = alice.addBlock("/g", null);
        assertEquals(Counters.FIRST_BLOCK_ID + 1, onG.getBlock().getBlockId());
        assertEquals(Counters.FIRST_GENERATION_STAMP + 1, onG.getBlock().getGenerationStamp());
    }
}
