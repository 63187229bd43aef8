package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The replication monitor's reads: which file owns a block, and the blocks of a file at a path. */
class FilesOfBlocksTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    @BeforeEach
    void writeTwoFiles() throws Exception {
        hdfs.writeFile("/f", 1000, 1000);
        hdfs.writeFile("/g", 10);
        hdfs.mkdirs("/d");
    }

    private List<Long> blockIds(String path) {
        return ctx.inode(path).getBlocksList().stream().map(BlockProto::getBlockId).toList();
    }

    @Test
    void eachBlockMapsToItsFileAndUnknownBlocksAreLeftOut() {
        long f1 = blockIds("/f").get(1);
        long g0 = blockIds("/g").get(0);

        Map<Long, InodeProto> files = ctx.namespace().filesOfBlocks(List.of(f1, g0, 999_999L), ctx.store());

        assertEquals(Set.of(f1, g0), files.keySet());
        assertEquals(ctx.inode("/f").getId(), files.get(f1).getId());
        assertEquals(ctx.inode("/g").getId(), files.get(g0).getId());
    }

    @Test
    void aPathNamesEveryBlockOfItsFileAndDirectoriesOrMissingPathsNameNone() {
        Map<Long, InodeProto> files = ctx.namespace().filesAt(List.of("/f", "/d", "/nope", "/f/under-a-file"),
                ctx.store());

        assertEquals(Set.copyOf(blockIds("/f")), files.keySet());
    }
}
