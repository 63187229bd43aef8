package io.hydrafs.meta.raft;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Linearizable reads without one Raft round per read: a read waits for a ReadIndex round
 * that <em>started after the read arrived</em>; when that round completes, this node was the
 * leader at some point after the read arrived and has applied everything committed before
 * it, so reading the local store is linearizable.
 *
 * <p>Reads that arrive while a round is in flight share the next round, so one round serves
 * every read that came during the previous one. With Ratis's leader lease a round is local;
 * without it, it costs one heartbeat exchange with a majority.
 */
public final class ReadBarrier {
    private final Supplier<CompletableFuture<Void>> readIndexRound;

    private boolean roundInFlight;
    private CompletableFuture<Void> nextRound;

    public ReadBarrier(Supplier<CompletableFuture<Void>> readIndexRound) {
        this.readIndexRound = readIndexRound;
    }

    /** Completes when a read that arrived now may be served from the local store. */
    public CompletableFuture<Void> await() {
        CompletableFuture<Void> startNow = null;
        CompletableFuture<Void> mine;
        synchronized (this) {
            if (!roundInFlight) {
                roundInFlight = true;
                startNow = new CompletableFuture<>();
                mine = startNow;
            } else {
                if (nextRound == null) {
                    nextRound = new CompletableFuture<>();
                }
                mine = nextRound;
            }
        }
        if (startNow != null) {
            start(startNow);
        }
        return mine;
    }

    private void start(CompletableFuture<Void> waiters) {
        CompletableFuture<Void> round;
        try {
            round = readIndexRound.get();
        } catch (RuntimeException e) {
            round = CompletableFuture.failedFuture(e);
        }
        round.whenComplete((ok, error) -> {
            if (error != null) {
                waiters.completeExceptionally(error);
            } else {
                waiters.complete(null);
            }
            CompletableFuture<Void> next;
            synchronized (this) {
                next = nextRound;
                nextRound = null;
                if (next == null) {
                    roundInFlight = false;
                }
            }
            if (next != null) {
                start(next);
            }
        });
    }
}
