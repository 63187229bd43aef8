package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** commitBlockRecovery: the end of a lease recovery attempt, by the primary blockstore. */
class BlockRecoveryCommitTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    /** Blockstores call as their own (non-super) user. */
    private final NamespaceTestContext.Actor blockstore = ctx.asUser("blockstore");
    private LocatedBlockProto second;
    private long id;

    @BeforeEach
    void aliceWritesTwoBlocksAndVanishes() throws Exception {
        hdfs.setPermission("/", 0777);
        alice.create(alice.newCreate("/f").setBlockSize(1024));
        LocatedBlockProto first = alice.addBlock("/f", null);
        second = alice.addBlock("/f", withLength(first, 1024));
        id = ctx.inode("/f").getId();
    }

    private static BlockProto agreed(RecoverLeaseResponse attempt, long numBytes) {
        return attempt.getRecovering().toBuilder().setNumBytes(numBytes).build();
    }

    @Test
    void commitClosesTheFileWithTheAgreedLengthAndTheRecoveryStamp() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");
        ctx.advanceClock(500);

        blockstore.commitBlockRecovery(id, agreed(attempt, 300), false);

        InodeProto file = ctx.inode("/f");
        assertFalse(file.getUnderConstruction());
        assertEquals("", file.getLeaseHolder());
        assertEquals(0, file.getRecoveryGenerationStamp());
        assertEquals(agreed(attempt, 300), file.getBlocks(1));
        assertEquals(1324, file.getLength());
        assertEquals(ctx.now(), file.getMtimeMs());
        assertEquals(0, ctx.store().size(Table.LEASES));
        assertTrue(ctx.removedBlocks().isEmpty());
    }

    @Test
    void commitWithDeleteBlockDropsTheLastBlockAndReportsItRemoved() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");

        blockstore.commitBlockRecovery(id, agreed(attempt, 0), true);

        FileStatusProto s = hdfs.stat("/f");
        assertFalse(s.getUnderConstruction());
        assertEquals(1024, s.getLength());
        assertEquals(1, ctx.inode("/f").getBlocksCount());
        assertEquals(List.of(second.getBlock()), ctx.removedBlocks());
    }

    @Test
    void commitOfASupersededAttemptIsStaleGenerationStamp() throws Exception {
        RecoverLeaseResponse older = hdfs.recover("/f");
        ctx.advanceClock(LeaseRecoveryOp.CLIENT_RETRY_AFTER_MS);
        RecoverLeaseResponse newer = hdfs.recover("/f");

        assertFails(ErrorCode.STALE_GENERATION_STAMP, () -> blockstore.commitBlockRecovery(id, agreed(older, 10), false));
        blockstore.commitBlockRecovery(id, agreed(newer, 10), false);
        assertEquals(1034, hdfs.stat("/f").getLength());
    }

    @Test
    void commitForAFileNotInRecoveryIsStaleGenerationStamp() {
        BlockProto guess = second.getBlock().toBuilder().setGenerationStamp(5000).build();
        assertFails(ErrorCode.STALE_GENERATION_STAMP, () -> blockstore.commitBlockRecovery(id, guess, false));
    }

    @Test
    void aRepeatedCommitSucceedsWithoutWritingButAnOlderOneAfterTheCloseIsStale() throws Exception {
        RecoverLeaseResponse older = hdfs.recover("/f");
        ctx.advanceClock(LeaseRecoveryOp.CLIENT_RETRY_AFTER_MS);
        RecoverLeaseResponse newer = hdfs.recover("/f");
        blockstore.commitBlockRecovery(id, agreed(newer, 10), false);
        ctx.store().clearWrites();

        blockstore.commitBlockRecovery(id, agreed(newer, 10), false);
        assertTrue(ctx.store().writes().isEmpty());
        assertFails(ErrorCode.STALE_GENERATION_STAMP, () -> blockstore.commitBlockRecovery(id, agreed(older, 10), false));
    }

    @Test
    void commitNamingAnotherBlockOrTooManyBytesIsInvalidBlock() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");
        BlockProto otherBlock = agreed(attempt, 10).toBuilder().setBlockId(second.getBlock().getBlockId() - 1).build();
        assertFails(ErrorCode.INVALID_BLOCK, () -> blockstore.commitBlockRecovery(id, otherBlock, false));
        assertFails(ErrorCode.INVALID_BLOCK, () -> blockstore.commitBlockRecovery(id, agreed(attempt, 1025), false));
        assertTrue(ctx.inode("/f").getUnderConstruction());
    }

    @Test
    void commitForADeletedFileIsFileNotFound() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");
        hdfs.delete("/f", false);
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> blockstore.commitBlockRecovery(id, agreed(attempt, 10), false));
    }

    @Test
    void commitFindsTheFileByIdAfterARename() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");
        hdfs.rename("/f", "/g");
        blockstore.commitBlockRecovery(id, agreed(attempt, 10), false);
        assertFalse(hdfs.stat("/g").getUnderConstruction());
    }

    @Test
    void theClosedFileCanBeAppendedToAgain() throws Exception {
        RecoverLeaseResponse attempt = hdfs.recover("/f");
        blockstore.commitBlockRecovery(id, agreed(attempt, 10), false);

        assertTrue(alice.append("/f").getStatus().getUnderConstruction());
        assertEquals(alice.clientName(), ctx.inode("/f").getLeaseHolder());
    }
}
