package io.hydrafs.ops.admin;

import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockHealthTest {
    private static LocatedBlockProto block(List<String> targets, boolean corrupt) {
        return LocatedBlockProto.newBuilder().addAllTargets(targets).setCorrupt(corrupt).build();
    }

    @Test
    void aBlockWithAsManyReplicasAsItsFileAsksForIsHealthy() {
        BlockHealth h = BlockHealth.classify(block(List.of("a", "b", "c"), false), 3);

        assertEquals("HEALTHY", h.label());
        assertFalse(h.isLost());
    }

    @Test
    void fewerReplicasIsUnderReplicatedButNotLost() {
        BlockHealth h = BlockHealth.classify(block(List.of("a", "b"), false), 3);

        assertEquals("UNDER_REPLICATED 2/3", h.label());
        assertFalse(h.isLost());
    }

    @Test
    void noReplicaIsMissing() {
        BlockHealth h = BlockHealth.classify(block(List.of(), false), 3);

        assertEquals("MISSING", h.label());
        assertTrue(h.isLost());
    }

    @Test
    void onlyCorruptReplicasIsCorrupt() {
        BlockHealth h = BlockHealth.classify(block(List.of("a"), true), 3);

        assertEquals("CORRUPT", h.label());
        assertTrue(h.isLost());
    }

    @Test
    void aTreeIsHealthyUnlessABlockIsLost() {
        FsckSummary summary = new FsckSummary("/x");
        summary.file(10);
        summary.block(BlockHealth.classify(block(List.of("a"), false), 3));
        assertTrue(summary.healthy(), "under-replicated only");
        assertEquals("The filesystem under path '/x' is HEALTHY", summary.lines().get(summary.lines().size() - 1));

        summary.block(BlockHealth.classify(block(List.of(), false), 3));

        assertFalse(summary.healthy());
        assertEquals("The filesystem under path '/x' is CORRUPT", summary.lines().get(summary.lines().size() - 1));
        assertTrue(summary.lines().contains(" Missing blocks:          1"));
    }
}
