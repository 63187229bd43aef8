package io.hydrafs.blockstore.meta;

import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryPlanTest {
    private static BlockProto held(long stamp, long bytes) {
        return BlockProto.newBuilder().setBlockId(7).setGenerationStamp(stamp).setNumBytes(bytes).build();
    }

    @Test
    void agreedLengthIsTheLeastHeldByTheLatestPipeline() {
        RecoveryPlan plan = RecoveryPlan.of(Map.of("a", held(3, 1000), "b", held(3, 700), "c", held(2, 100)), 9)
                .orElseThrow();

        assertEquals(700, plan.agreedLength());
        assertEquals(List.of("a", "b"), plan.replicas(), "c was dropped from the pipeline earlier");
    }

    @Test
    void noUsableReplicaMeansNoPlan() {
        assertTrue(RecoveryPlan.of(Map.of(), 9).isEmpty());
        assertTrue(RecoveryPlan.of(Map.of("a", held(10, 5)), 9).isEmpty(), "newer than the recovery itself");
    }

    @Test
    void aTruncateCutsEveryReplicaLongEnoughToTheRecordedLength() {
        RecoveryPlan plan = RecoveryPlan.forTruncate(
                Map.of("a", held(3, 1000), "b", held(3, 400), "c", held(3, 700), "d", held(2, 1000)), 9, 600)
                .orElseThrow();

        assertEquals(600, plan.agreedLength());
        assertEquals(List.of("a", "c"), plan.replicas(), "b holds too little, d is of an older pipeline");
    }

    @Test
    void aTruncateWithNoReplicaLongEnoughHasNoPlan() {
        assertTrue(RecoveryPlan.forTruncate(Map.of("a", held(3, 100)), 9, 600).isEmpty());
    }
}
