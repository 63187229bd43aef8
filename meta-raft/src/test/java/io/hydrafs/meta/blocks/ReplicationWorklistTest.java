package io.hydrafs.meta.blocks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplicationWorklistTest {
    private static final List<Long> ALL = List.of(1L, 2L, 3L, 4L, 5L);

    @Test
    void aRoundHoldsTheMarkedBlocksAndTheNextSliceOfTheWalk() {
        ReplicationWorklist work = new ReplicationWorklist(2);
        work.mark(5);

        assertEquals(Set.of(1L, 2L, 5L), work.take(() -> ALL));
        assertEquals(Set.of(3L, 4L), work.take(() -> ALL));
        assertEquals(Set.of(5L), work.take(() -> ALL));
        assertEquals(Set.of(1L, 2L), work.take(() -> ALL), "the walk starts over");
    }

    @Test
    void everythingMeansEveryKnownBlockOnceAndRestartsTheWalk() {
        ReplicationWorklist work = new ReplicationWorklist(2);
        work.take(() -> ALL);
        work.markEverything();

        assertEquals(Set.copyOf(ALL), work.take(() -> ALL));
        assertEquals(Set.of(1L, 2L), work.take(() -> ALL));
    }

    @Test
    void givenBackBlocksAreInTheNextRoundAndClearForgetsEverything() {
        ReplicationWorklist work = new ReplicationWorklist(1);
        work.giveBack(work.take(() -> ALL));
        assertEquals(Set.of(1L, 2L), work.take(() -> ALL));

        work.mark(4);
        work.markEverything();
        work.clear();
        assertEquals(Set.of(1L), work.take(() -> ALL), "no mark, a fresh walk");
    }
}
