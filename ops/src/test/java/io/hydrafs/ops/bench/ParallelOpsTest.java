package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelOpsTest {
    @Test
    void everyThreadRunsEachOfItsOpsOnceAndEachOpIsTimed() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();

        ParallelOps.Outcome o = ParallelOps.run("t", 4, 50, (t, j) -> seen.add(t + "/" + j));

        assertEquals(200, seen.size());
        assertEquals(200, o.completedOps());
        assertEquals(200, o.latencies().count());
        assertFalse(o.failed());
        assertNull(o.firstFailure());
        assertTrue(o.elapsedNanos() > 0);
    }

    @Test
    void aFailedOpStopsTheRunAndIsReported() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");

        ParallelOps.Outcome o = ParallelOps.run("t", 4, 1000, (t, j) -> {
            if (t == 2 && j == 5) {
                throw boom;
            }
        });

        assertTrue(o.failed());
        assertTrue(o.failedOps() >= 1);
        assertSame(boom, o.firstFailure());
        // thread 2 never got past its 6th op, so at least 994 ops were not done
        assertTrue(o.completedOps() <= 4000 - 995, "completed " + o.completedOps());
        assertEquals(o.completedOps(), o.latencies().count());
    }
}
