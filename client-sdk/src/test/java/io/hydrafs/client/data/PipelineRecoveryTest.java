package io.hydrafs.client.data;

import io.hydrafs.protocol.meta.BlockstoreLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.client.data.PipelineRecovery.Action.FAIL;
import static io.hydrafs.client.data.PipelineRecovery.Action.REPLACE_BLOCK;
import static io.hydrafs.client.data.PipelineRecovery.Action.UPDATE_PIPELINE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelineRecoveryTest {
    private static final List<BlockstoreLocation> PIPELINE = List.of(node("a"), node("b"), node("c"));

    private static BlockstoreLocation node(String id) {
        return BlockstoreLocation.newBuilder().setId(id).setHost("h-" + id).setDataPort(1).build();
    }

    @Test
    void aNewBlockWithNothingAckedIsReplacedAwayFromTheFailedNode() {
        PipelineRecovery.Decision d = PipelineRecovery.decide(PIPELINE, 1, 0, true, 0);

        assertEquals(REPLACE_BLOCK, d.action());
        assertEquals("b", d.failed().getId());
    }

    @Test
    void afterAckedBytesThePipelineContinuesOnTheSurvivorsInOrder() {
        PipelineRecovery.Decision d = PipelineRecovery.decide(PIPELINE, 1, 4096, true, 0);

        assertEquals(UPDATE_PIPELINE, d.action());
        assertEquals(List.of("a", "c"), d.survivors().stream().map(BlockstoreLocation::getId).toList());
    }

    @Test
    void anAppendedBlockIsNeverReplaced() {
        assertEquals(UPDATE_PIPELINE, PipelineRecovery.decide(PIPELINE, 0, 0, false, 0).action());
    }

    @Test
    void noSurvivorAfterAckedBytesFails() {
        assertEquals(FAIL, PipelineRecovery.decide(List.of(node("a")), 0, 512, true, 0).action());
    }

    @Test
    void noSurvivorBeforeAnyAckReplacesTheBlockUntilTheBudgetIsSpent() {
        assertEquals(REPLACE_BLOCK, PipelineRecovery.decide(List.of(node("a")), 0, 0, true, 2).action());
        assertEquals(FAIL, PipelineRecovery.decide(List.of(node("a")), 0, 0, true,
                PipelineRecovery.MAX_REPLACEMENTS).action());
    }

    @Test
    void replacementBudgetSpentWithSurvivorsContinuesOnThem() {
        PipelineRecovery.Decision d = PipelineRecovery.decide(PIPELINE, 0, 0, true, PipelineRecovery.MAX_REPLACEMENTS);

        assertEquals(UPDATE_PIPELINE, d.action());
        assertEquals(List.of("b", "c"), d.survivors().stream().map(BlockstoreLocation::getId).toList());
    }

    @Test
    void aFailedIndexBeyondThePipelineBlamesItsLastNode() {
        assertEquals("c", PipelineRecovery.decide(PIPELINE, 7, 1, true, 0).failed().getId());
    }
}
