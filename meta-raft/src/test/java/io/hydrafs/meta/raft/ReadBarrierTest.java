package io.hydrafs.meta.raft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadBarrierTest {
    private final List<CompletableFuture<Void>> rounds = new ArrayList<>();
    private final ReadBarrier barrier = new ReadBarrier(() -> {
        CompletableFuture<Void> f = new CompletableFuture<>();
        rounds.add(f);
        return f;
    });

    @Test
    void aReadOnAnIdleNodeStartsARoundAndWaitsForIt() {
        CompletableFuture<Void> read = barrier.await();
        assertEquals(1, rounds.size());
        assertFalse(read.isDone());
        rounds.get(0).complete(null);
        assertTrue(read.isDone());
    }

    @Test
    void aReadArrivingDuringARoundWaitsForTheNextRoundNotTheCurrentOne() {
        CompletableFuture<Void> early = barrier.await();
        CompletableFuture<Void> late1 = barrier.await();
        CompletableFuture<Void> late2 = barrier.await();
        assertEquals(1, rounds.size(), "reads during a round must not start rounds of their own");

        rounds.get(0).complete(null);
        assertTrue(early.isDone());
        assertFalse(late1.isDone(), "the first round started before this read arrived");
        assertEquals(2, rounds.size());

        rounds.get(1).complete(null);
        assertTrue(late1.isDone() && late2.isDone());
    }

    @Test
    void aFailedRoundFailsItsReadsAndTheBarrierRecovers() {
        CompletableFuture<Void> read = barrier.await();
        rounds.get(0).completeExceptionally(new IllegalStateException("not leader"));
        assertTrue(read.isCompletedExceptionally());
        CompletableFuture<Void> again = barrier.await();
        rounds.get(1).complete(null);
        assertTrue(again.isDone() && !again.isCompletedExceptionally());
    }
}
