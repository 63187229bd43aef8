package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** truncate(path, newLength) as HDFS has it: at a block boundary at once, inside a block by recovery. */
class TruncateTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");

    @Test
    void atABlockBoundaryTheLaterBlocksGoAndTheFileStaysClosed() throws Exception {
        hdfs.writeFile("/f", 100, 50, 30);
        List<BlockProto> before = ctx.inode("/f").getBlocksList();
        ctx.advanceClock(5);

        RecoverLeaseResponse r = hdfs.truncate("/f", 100);

        assertTrue(r.getClosed());
        assertEquals(List.of(before.get(0).getBlockId()), ctx.blockIds("/f"));
        assertEquals(100, hdfs.stat("/f").getLength());
        assertFalse(hdfs.stat("/f").getUnderConstruction());
        assertEquals(ctx.now(), hdfs.stat("/f").getMtimeMs());
        assertEquals(before.subList(1, 3), ctx.removedBlocks());
    }

    @Test
    void toTheCurrentLengthNothingButTheMtimeChanges() throws Exception {
        hdfs.writeFile("/f", 100);
        List<Long> blocks = ctx.blockIds("/f");

        assertTrue(hdfs.truncate("/f", 100).getClosed());

        assertEquals(blocks, ctx.blockIds("/f"));
        assertTrue(ctx.removedBlocks().isEmpty());
    }

    @Test
    void toZeroEveryBlockGoes() throws Exception {
        hdfs.writeFile("/f", 100, 50);
        assertTrue(hdfs.truncate("/f", 0).getClosed());
        assertEquals(0, ctx.inode("/f").getBlocksCount());
        assertEquals(2, ctx.removedBlocks().size());
    }

    @Test
    void insideABlockTheFileGoesUnderATruncatingRecoveryWithTheNewLength() throws Exception {
        hdfs.writeFile("/f", 100, 50, 30);
        BlockProto second = ctx.inode("/f").getBlocks(1);

        RecoverLeaseResponse r = hdfs.truncate("/f", 120);

        assertFalse(r.getClosed());
        assertTrue(r.getTruncate());
        assertEquals(second.getBlockId(), r.getRecovering().getBlockId());
        assertEquals(20, r.getRecovering().getNumBytes());
        InodeProto file = ctx.inode("/f");
        assertEquals(120, file.getLength());
        assertTrue(file.getUnderConstruction() && file.getRecoveryTruncates());
        assertEquals(LeaseHolders.RECOVERY, file.getLeaseHolder());
        assertEquals(r.getRecovering().getGenerationStamp(), file.getRecoveryGenerationStamp());
        assertEquals(second.getGenerationStamp(), file.getBlocks(1).getGenerationStamp(),
                "the block keeps its stamp until the commit");
        assertEquals(1, ctx.removedBlocks().size());
    }

    @Test
    void theRecoveryCommitsOnlyTheRecordedLengthAndThenTheFileIsClosed() throws Exception {
        hdfs.writeFile("/f", 100, 50);
        RecoverLeaseResponse r = hdfs.truncate("/f", 130);
        BlockProto recovered = r.getRecovering();

        assertFails(ErrorCode.INVALID_BLOCK, () -> hdfs.commitBlockRecovery(r.getInodeId(),
                recovered.toBuilder().setNumBytes(50).build(), false));
        hdfs.commitBlockRecovery(r.getInodeId(), recovered, false);

        InodeProto file = ctx.inode("/f");
        assertFalse(file.getUnderConstruction());
        assertFalse(file.getRecoveryTruncates());
        assertEquals(130, file.getLength());
        assertEquals(recovered.getGenerationStamp(), file.getBlocks(1).getGenerationStamp());
    }

    @Test
    void aRetriedRecoveryOfATruncateIsStillATruncate() throws Exception {
        hdfs.writeFile("/f", 100);
        hdfs.truncate("/f", 40);

        RecoverLeaseResponse retry = ctx.expire("/f", LeaseHolders.RECOVERY);

        assertTrue(retry.getTruncate());
        assertEquals(40, retry.getRecovering().getNumBytes());
    }

    @Test
    void aFileInATruncatesRecoveryRefusesAppendAndAnotherTruncate() throws Exception {
        hdfs.writeFile("/f", 100);
        hdfs.truncate("/f", 40);
        assertFails(ErrorCode.RECOVERY_IN_PROGRESS, () -> hdfs.append("/f"));
        assertFails(ErrorCode.RECOVERY_IN_PROGRESS, () -> hdfs.truncate("/f", 10));
    }

    @Test
    void growingAFileIsInvalidArgument() throws Exception {
        hdfs.writeFile("/f", 100);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.truncate("/f", 101));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.truncate("/f", -1));
    }

    @Test
    void aFileBeingWrittenADirectoryOrAMissingPathIsRefused() throws Exception {
        hdfs.create("/open");
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.ALREADY_BEING_CREATED, () -> hdfs.truncate("/open", 0));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.truncate("/d", 0));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.truncate("/missing", 0));
    }

    @Test
    void truncateNeedsWriteOnTheFile() throws Exception {
        hdfs.writeFile("/f", 100);
        hdfs.setPermission("/f", 0644);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.truncate("/f", 0));
        hdfs.setPermission("/f", 0666);
        assertTrue(alice.truncate("/f", 0).getClosed());
    }
}
