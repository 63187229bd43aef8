package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** updatePipeline: the writer goes on with the surviving blockstores and a new stamp. */
class UpdatePipelineTest {
    private static final String F = "/f";
    private static final List<String> SURVIVORS = List.of("bs-3", "bs-1");
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    private LocatedBlockProto first;
    private LocatedBlockProto second;

    @BeforeEach
    void aliceWritesHerSecondBlock() throws Exception {
        hdfs.setPermission("/", 0777);
        alice.create(alice.newCreate(F).setBlockSize(1024));
        first = alice.addBlock(F, null);
        second = alice.addBlock(F, withLength(first, 1024));
    }

    @Test
    void theLastBlockGetsANewStampTheAckedBytesAndTheSurvivingTargets() throws Exception {
        LocatedBlockProto r = alice.updatePipeline(F, withLength(second, 512), SURVIVORS);

        BlockProto expected = withLength(second, 512).toBuilder()
                .setGenerationStamp(second.getBlock().getGenerationStamp() + 1).build();
        assertEquals(LocatedBlockProto.newBuilder().setBlock(expected).setOffset(1024).addAllTargets(SURVIVORS).build(), r);
        assertEquals(expected, ctx.inode(F).getBlocks(1));
        assertEquals(1536, ctx.inode(F).getLength());
    }

    @Test
    void theRecordedLengthNeverShrinks() throws Exception {
        LocatedBlockProto r = alice.updatePipeline(F, withLength(second, 512), SURVIVORS);
        LocatedBlockProto again = alice.updatePipeline(F, withLength(r, 100), List.of("bs-3"));
        assertEquals(512, again.getBlock().getNumBytes());
        assertTrue(again.getBlock().getGenerationStamp() > r.getBlock().getGenerationStamp());
    }

    @Test
    void anOutdatedStampIsStaleGenerationStamp() throws Exception {
        alice.updatePipeline(F, withLength(second, 10), SURVIVORS);
        assertFails(ErrorCode.STALE_GENERATION_STAMP, () -> alice.updatePipeline(F, withLength(second, 10), SURVIVORS),
                "the writer repeats a pipeline update with the stamp it replaced");
    }

    @Test
    void aBlockOtherThanTheLastIsInvalidBlock() {
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.updatePipeline(F, withLength(first, 1024), SURVIVORS));
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.updatePipeline(F, null, SURVIVORS));
    }

    @Test
    void moreBytesThanTheBlockSizeIsInvalidBlock() {
        assertFails(ErrorCode.INVALID_BLOCK, () -> alice.updatePipeline(F, withLength(second, 1025), SURVIVORS));
    }

    @Test
    void onlyTheLeaseHolderMayUpdateThePipeline() throws Exception {
        assertFails(ErrorCode.LEASE_EXPIRED, () -> alice.updatePipeline(F, "intruder", second.getBlock(), SURVIVORS));
        alice.complete(F, withLength(second, 10));
        assertFails(ErrorCode.NOT_UNDER_CONSTRUCTION, () -> alice.updatePipeline(F, withLength(second, 10), SURVIVORS));
    }

    @Test
    void targetsMustBeANonEmptyListOfDistinctIds() {
        BlockProto b = second.getBlock();
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updatePipeline(F, b, List.of()));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updatePipeline(F, b, List.of("bs-1", "bs-1")));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updatePipeline(F, b, List.of("bs-1", "")));
    }

    @Test
    void updatePipelineOfAMissingPathOrADirectoryFails() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.updatePipeline("/none", second.getBlock(), SURVIVORS));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> alice.updatePipeline("/d", second.getBlock(), SURVIVORS));
    }
}
