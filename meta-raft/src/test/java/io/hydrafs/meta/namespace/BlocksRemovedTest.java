package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op that drops blocks from the namespace reports them (as stored) to the caller of apply;
 * ops that keep their blocks report nothing. (Recovery's delete_block: BlockRecoveryCommitTest.)
 */
class BlocksRemovedTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");

    @BeforeEach
    void everyoneMayCreateAtTheRoot() throws Exception {
        hdfs.setPermission("/", 0777);
    }

    private List<BlockProto> blocksOf(String path) {
        return ctx.inode(path).getBlocksList();
    }

    @Test
    void deleteOfAFileReportsItsBlocks() throws Exception {
        alice.writeFile("/f", 1 << 20, 7);
        List<BlockProto> blocks = blocksOf("/f");
        ctx.clearRemovedBlocks();

        alice.delete("/f", false);

        assertEquals(blocks, ctx.removedBlocks());
    }

    @Test
    void recursiveDeleteReportsTheBlocksOfEveryFileInTheTreeIncludingOpenOnes() throws Exception {
        alice.mkdirs("/t/a/b");
        alice.writeFile("/t/x", 10);
        alice.writeFile("/t/a/y", 1 << 20, 20);
        alice.create("/t/a/b/open");
        LocatedBlockProto open = alice.addBlock("/t/a/b/open", null);
        Set<BlockProto> expected = new HashSet<>(blocksOf("/t/x"));
        expected.addAll(blocksOf("/t/a/y"));
        expected.add(open.getBlock());
        ctx.clearRemovedBlocks();

        alice.delete("/t", true);

        assertEquals(expected.size(), ctx.removedBlocks().size(), "each block once");
        assertEquals(expected, new HashSet<>(ctx.removedBlocks()));
    }

    @Test
    void overwritingAFileReportsTheOldFilesBlocks() throws Exception {
        alice.writeFile("/f", 10);
        List<BlockProto> old = blocksOf("/f");
        ctx.clearRemovedBlocks();

        alice.create(alice.newCreate("/f").setOverwrite(true));

        assertEquals(old, ctx.removedBlocks());
    }

    @Test
    void abandonBlockReportsTheAbandonedBlock() throws Exception {
        alice.create("/f");
        LocatedBlockProto b = alice.addBlock("/f", null);

        alice.abandonBlock("/f", alice.clientName(), b.getBlock());

        assertEquals(List.of(b.getBlock()), ctx.removedBlocks());
    }

    @Test
    void opsThatKeepTheirBlocksReportNothing() throws Exception {
        alice.writeFile("/f", 10);
        alice.rename("/f", "/g");
        alice.append("/g");
        hdfs.recoverLease("/g");
        alice.create(alice.newCreate("/h"));
        alice.delete("/h", false);

        assertTrue(ctx.removedBlocks().isEmpty(), ctx.removedBlocks().toString());
    }

    @Test
    void aFailedDeleteReportsNothing() throws Exception {
        alice.mkdirs("/d");
        alice.writeFile("/d/f", 10);
        alice.setPermission("/d", 0555);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.delete("/d/f", false));
        assertTrue(ctx.removedBlocks().isEmpty());
    }
}
