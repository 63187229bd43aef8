package io.hydrafs.meta.raft;

import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import io.hydrafs.protocol.meta.MkdirsRequest;
import com.google.protobuf.ByteString;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProposalBatcherTest {
    /** A log whose entries complete only when the test says so. */
    private static final class ManualLog implements LogProposer {
        final List<MetaBatch> proposed = new ArrayList<>();
        final List<CompletableFuture<MetaBatchResult>> pending = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<MetaBatchResult> propose(MetaBatch batch) {
            proposed.add(batch);
            CompletableFuture<MetaBatchResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        /** Answers entry i with one result per op, each echoing the op's path as its response. */
        void commit(int i) {
            pending.get(i).complete(resultsOf(proposed.get(i), ""));
        }
    }

    /** One result per op of the batch: the op's path after a prefix. */
    private static MetaBatchResult resultsOf(MetaBatch batch, String prefix) {
        MetaBatchResult.Builder r = MetaBatchResult.newBuilder();
        for (MetaOp op : batch.getOpsList()) {
            r.addResults(MetaOpResult.newBuilder().setResponse(ByteString.copyFromUtf8(prefix + op.getMkdirs().getPath())));
        }
        return r.build();
    }

    /** A clock and timer that move only when the test says so. */
    private static final class ManualTime implements ProposalBatcher.Timer {
        long nanos;
        final List<Runnable> due = new ArrayList<>();
        final List<Long> deadlines = new ArrayList<>();

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            due.add(task);
            deadlines.add(nanos + delayNanos);
            return () -> {
                int i = due.indexOf(task);
                if (i >= 0) {
                    due.remove(i);
                    deadlines.remove(i);
                }
            };
        }

        /** Moves the clock and runs every task whose time has come. */
        void advance(long byNanos) {
            nanos += byNanos;
            for (int i = 0; i < due.size(); i++) {
                if (deadlines.get(i) <= nanos) {
                    Runnable task = due.remove(i);
                    deadlines.remove(i);
                    task.run();
                    i = -1;
                }
            }
        }
    }

    private static final long LINGER = 1_000_000;

    private static ProposalBatcher lingering(ManualLog log, ManualTime time, int maxInFlight) {
        return new ProposalBatcher(log, () -> 0, 100, maxInFlight).lingerWith(LINGER, () -> time.nanos, time);
    }

    private static MetaOp op(String path) {
        return MetaOp.newBuilder().setMkdirs(MkdirsRequest.newBuilder().setPath(path)).build();
    }

    @Test
    void aLoneOperationOnAnIdleLeaderIsProposedAtOnce() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 42, 100, 1);
        batcher.submit(op("/a"));
        assertEquals(1, log.proposed.size());
        assertEquals(42, log.proposed.get(0).getTimestampMs());
    }

    @Test
    void everyBatchCarriesTheLeadersRetryCacheTtl() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 42, 100, 1).retryCacheTtl(90_000);
        batcher.submit(op("/a"));
        assertEquals(90_000, log.proposed.get(0).getRetryCacheTtlMs());
    }

    @Test
    void operationsArrivingWhileAnEntryIsInFlightShareTheNextEntry() throws Exception {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));
        CompletableFuture<MetaOpResult> c = batcher.submit(op("/c"));
        assertEquals(1, log.proposed.size());

        log.commit(0);
        assertEquals("/a", a.get().getResponse().toStringUtf8());
        assertEquals(2, log.proposed.size());
        assertEquals(2, log.proposed.get(1).getOpsCount());

        log.commit(1);
        assertEquals("/b", b.get().getResponse().toStringUtf8());
        assertEquals("/c", c.get().getResponse().toStringUtf8());
        assertEquals(0, batcher.inFlight());
    }

    @Test
    void callersAreAnsweredWhenTheirBatchIsAppliedAndTheSlotIsFreedByTheLogsAnswer() throws Exception {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));
        MetaBatch first = log.proposed.get(0);

        batcher.applied(first, resultsOf(first, "applied:"));

        assertEquals("applied:/a", a.get().getResponse().toStringUtf8());
        assertEquals(1, batcher.inFlight(), "the slot waits for the log's answer");
        assertEquals(1, log.proposed.size());

        log.commit(0);
        assertEquals("applied:/a", a.get().getResponse().toStringUtf8(), "answered once");
        assertEquals(2, log.proposed.size());
        MetaBatch second = log.proposed.get(1);
        log.commit(1);
        assertEquals("/b", b.get().getResponse().toStringUtf8(), "not applied locally: the log's answer");
        batcher.applied(second, resultsOf(second, "late:"));
        assertEquals("/b", b.get().getResponse().toStringUtf8());
    }

    @Test
    void theObserverHearsOnceHowLongEachBatchsCallersWaitedForTheirAnswers() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        List<String> answered = new ArrayList<>();
        List<String> logAnswered = new ArrayList<>();
        ProposalBatcher batcher = lingering(log, time, 1).observeWith(new ProposalBatcher.Observer() {
            @Override
            public void proposed(int ops, long nanos, boolean ok) {
                logAnswered.add(ops + " ops after " + nanos);
            }

            @Override
            public void answered(int ops, long nanos) {
                answered.add(ops + " ops after " + nanos);
            }
        });
        batcher.submit(op("/a"));
        MetaBatch first = log.proposed.get(0);
        time.advance(300);
        batcher.applied(first, resultsOf(first, ""));      // answered early
        time.advance(200);
        log.commit(0);

        time.advance(LINGER);
        batcher.submit(op("/b"));
        time.advance(700);
        log.commit(1);                                      // answered by the log only

        assertEquals(List.of("1 ops after 300", "1 ops after 700"), answered);
        assertEquals(List.of("1 ops after 500", "1 ops after 700"), logAnswered);
    }

    @Test
    void callersAnsweredEarlyAndQueuedAgainAreNotCountedTwiceForTheFairShare() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 1);
        batcher.submit(op("/x"));
        batcher.submit(op("/a"));
        batcher.submit(op("/b"));
        log.commit(0);
        time.advance(LINGER);
        MetaBatch second = log.proposed.get(1);
        assertEquals(2, second.getOpsCount());

        batcher.applied(second, resultsOf(second, ""));
        batcher.submit(op("/a2"));
        batcher.submit(op("/b2"));
        log.commit(1);

        assertEquals(3, log.proposed.size(), "both callers are back: no lingering for callers that do not exist");
        assertEquals(2, log.proposed.get(2).getOpsCount());
    }

    @Test
    void batchesProposedElsewhereAreIgnored() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        MetaBatch mine = log.proposed.get(0);
        ManualLog otherLog = new ManualLog();
        new ProposalBatcher(otherLog, () -> 0, 100, 1).submit(op("/a"));
        MetaBatch other = otherLog.proposed.get(0);

        batcher.applied(other, resultsOf(other, "other:"));
        batcher.applied(mine.toBuilder().setProposer(0).build(), resultsOf(mine, "nobody:"));

        assertEquals(mine.getProposal(), other.getProposal(), "same sequence number, different proposer");
        assertTrue(!a.isDone());
    }

    @Test
    void batchesNeverExceedTheOpLimit() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 3, 1);
        for (int i = 0; i < 8; i++) {
            batcher.submit(op("/" + i));
        }
        log.commit(0);
        log.commit(1);
        log.commit(2);
        assertEquals(List.of(1, 3, 3, 1), log.proposed.stream().map(MetaBatch::getOpsCount).toList());
    }

    @Test
    void upToMaxInFlightEntriesAreOutstandingAtOnce() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 2);
        batcher.submit(op("/a"));
        batcher.submit(op("/b"));
        batcher.submit(op("/c"));
        assertEquals(2, log.proposed.size());
        assertEquals(2, batcher.inFlight());
    }

    @Test
    void aFailedProposalFailsEveryOperationOfItsBatchAndTheNextBatchStillGoesOut() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));
        log.pending.get(0).completeExceptionally(new IllegalStateException("lost leadership"));
        assertThrows(ExecutionException.class, a::get);
        assertEquals(2, log.proposed.size());
        log.commit(1);
        assertTrue(b.isDone() && !b.isCompletedExceptionally());
    }

    @Test
    void aThrowingObserverDoesNotWedgeLaterCalls() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1)
                .observeWith((ops, nanos, ok) -> {
                    throw new IllegalStateException("metrics broke");
                });
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));

        try {
            log.commit(0);
        } catch (RuntimeException thrownIntoTheCommitter) {
            // the observer's failure may surface to whoever completed the entry; that is fine
        }

        assertTrue(a.isDone() && !a.isCompletedExceptionally(), "the answered call must get its answer");
        assertEquals(2, log.proposed.size(), "the queued call must still be proposed");
        try {
            log.commit(1);
        } catch (RuntimeException thrownIntoTheCommitter) {
            // as above
        }
        assertTrue(b.isDone() && !b.isCompletedExceptionally());
        assertEquals(0, batcher.inFlight());
    }

    @Test
    void callersOfAnAnsweredEntryThatComeBackWithinTheLingerShareTheNextEntryWithThoseWaiting() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 1);
        batcher.submit(op("/a"));
        batcher.submit(op("/b"));

        log.commit(0);
        assertEquals(1, log.proposed.size(), "the slot waits for /a's caller to come back");
        time.advance(LINGER / 2);
        batcher.submit(op("/c"));

        assertEquals(2, log.proposed.size());
        assertEquals(List.of("/b", "/c"), paths(log.proposed.get(1)));
        assertTrue(time.due.isEmpty(), "the linger deadline is cancelled once the entry goes");
    }

    @Test
    void whenTheLingerTimeIsUpTheQueuedOperationsGoOutWithoutTheMissingCallers() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 1);
        batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));
        log.commit(0);

        time.advance(LINGER - 1);
        assertEquals(1, log.proposed.size());
        time.advance(1);

        assertEquals(2, log.proposed.size());
        assertEquals(List.of("/b"), paths(log.proposed.get(1)));
        log.commit(1);
        assertTrue(b.isDone() && !b.isCompletedExceptionally());
    }

    @Test
    void aCallAfterTheLingerTimeOnAnIdleLeaderIsProposedAtOnce() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 1);
        batcher.submit(op("/a"));
        log.commit(0);

        time.advance(LINGER);
        batcher.submit(op("/b"));

        assertEquals(2, log.proposed.size());
        assertEquals(1, batcher.inFlight());
    }

    @Test
    void aLingeringSlotWaitsForAsManyOpsAsWereAnsweredPlusThoseAlreadyWaiting() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 1);
        batcher.submit(op("/a"));
        batcher.submit(op("/b"));
        batcher.submit(op("/c"));

        log.commit(0);          // one answered, two waiting: three callers seen
        assertEquals(1, log.proposed.size());
        batcher.submit(op("/d"));
        assertEquals(List.of("/b", "/c", "/d"), paths(log.proposed.get(1)));

        log.commit(1);          // three answered, none waiting
        batcher.submit(op("/e"));
        batcher.submit(op("/f"));
        assertEquals(2, log.proposed.size());
        batcher.submit(op("/g"));
        assertEquals(List.of("/e", "/f", "/g"), paths(log.proposed.get(2)));
    }

    @Test
    void aFreeSecondSlotWaitsForAFairShareOfTheCallersInsteadOfSendingOneOp() {
        ManualLog log = new ManualLog();
        ManualTime time = new ManualTime();
        ProposalBatcher batcher = lingering(log, time, 2);
        batcher.submit(op("/a"));
        batcher.submit(op("/b"));
        batcher.submit(op("/c"));
        batcher.submit(op("/d"));
        assertEquals(2, log.proposed.size());

        log.commit(0);          // four callers seen, two slots: entries of two
        assertEquals(List.of("/c", "/d"), paths(log.proposed.get(2)));
        log.commit(1);          // /b answered, /c and /d in flight: three callers, shares of two
        batcher.submit(op("/e"));
        assertEquals(3, log.proposed.size(), "one op does not take the free slot");
        batcher.submit(op("/f"));
        assertEquals(List.of("/e", "/f"), paths(log.proposed.get(3)));
    }

    private static List<String> paths(MetaBatch batch) {
        return batch.getOpsList().stream().map(o -> o.getMkdirs().getPath()).toList();
    }

    @Test
    void aResultCountMismatchIsReportedAsABug() {
        ProposalBatcher batcher = new ProposalBatcher(
                batch -> CompletableFuture.completedFuture(MetaBatchResult.getDefaultInstance()), () -> 0, 10, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        ExecutionException e = assertThrows(ExecutionException.class, a::get);
        assertTrue(e.getCause().getMessage().contains("invariant"));
    }

    @Test
    void aLogAnswerWithNoResultsFailsTheCallersInsteadOfLeavingThemWaiting() {
        ProposalBatcher batcher = new ProposalBatcher(batch -> CompletableFuture.completedFuture(null), () -> 0, 10, 1);
        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> a.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("invariant"));
        assertEquals(0, batcher.inFlight());
    }

    @Test
    void aFailureWhileBuildingAnEntryFailsItsCallersAndFreesTheSlot() {
        ManualLog log = new ManualLog();
        AtomicInteger clockReads = new AtomicInteger();
        LongSupplier clock = () -> {
            if (clockReads.incrementAndGet() == 1) {
                throw new IllegalStateException("clock failed");
            }
            return 7;
        };
        ProposalBatcher batcher = new ProposalBatcher(log, clock, 100, 1);

        CompletableFuture<MetaOpResult> a = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> b = batcher.submit(op("/b"));

        assertThrows(ExecutionException.class, a::get);
        assertEquals(1, log.proposed.size(), "the failed entry never reached the log");
        assertEquals(List.of("/b"), paths(log.proposed.get(0)), "its slot went on to the next batch");
        log.commit(0);
        assertTrue(b.isDone() && !b.isCompletedExceptionally());
    }

    @Test
    void batchTimesNeverGoBackEvenWhenTheClockDoes() {
        ManualLog log = new ManualLog();
        long[] now = {1_000};
        ProposalBatcher batcher = new ProposalBatcher(log, () -> now[0], 100, 1);
        batcher.submit(op("/a"));
        now[0] = 400;                        // the clock steps back
        log.commit(0);
        batcher.submit(op("/b"));
        assertEquals(1_000, log.proposed.get(1).getTimestampMs());

        log.commit(1);
        now[0] = 1_500;
        batcher.submit(op("/c"));
        assertEquals(1_500, log.proposed.get(2).getTimestampMs());
    }

    @Test
    void aNewLeaderBehindItsPredecessorsClockStampsNoEarlierTimeThanItApplied() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 100, 100, 1);
        MetaBatch predecessors = MetaBatch.newBuilder().setTimestampMs(5_000).setProposer(1).setProposal(9)
                .addOps(op("/old")).build();
        batcher.applied(predecessors, resultsOf(predecessors, ""));

        batcher.submit(op("/a"));

        assertEquals(5_000, log.proposed.get(0).getTimestampMs());
    }

    @Test
    void aLeaderRestartedWithItsClockBehindStampsNoEarlierThanTheTimeInItsStore() {
        ManualLog log = new ManualLog();
        long[] stored = {7_000};             // entries this process skipped, never saw applied
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 100, 100, 1).notEarlierThan(() -> stored[0]);

        batcher.submit(op("/a"));
        stored[0] = 8_000;                   // a snapshot installed later
        log.commit(0);
        batcher.submit(op("/b"));

        assertEquals(7_000, log.proposed.get(0).getTimestampMs());
        assertEquals(8_000, log.proposed.get(1).getTimestampMs());
    }

    @Test
    void callsBeyondTheQueueLimitAreRefusedAsRetryable() throws Exception {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1).maxQueuedOps(2);
        batcher.submit(op("/in-flight"));
        CompletableFuture<MetaOpResult> queued1 = batcher.submit(op("/q1"));
        CompletableFuture<MetaOpResult> queued2 = batcher.submit(op("/q2"));

        CompletableFuture<MetaOpResult> refused = batcher.submit(op("/q3"));

        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertEquals(ErrorCode.NOT_READY, ((HydraException) e.getCause()).code());
        log.commit(0);
        assertEquals(List.of("/q1", "/q2"), paths(log.proposed.get(1)));
        log.commit(1);
        assertEquals("/q2", queued2.get().getResponse().toStringUtf8());
        assertTrue(queued1.isDone());
    }

    @Test
    void closingFailsEveryQueuedAndUnansweredCallAndRefusesNewOnes() {
        ManualLog log = new ManualLog();
        ProposalBatcher batcher = new ProposalBatcher(log, () -> 0, 100, 1);
        CompletableFuture<MetaOpResult> inFlight = batcher.submit(op("/a"));
        CompletableFuture<MetaOpResult> queued = batcher.submit(op("/b"));

        batcher.close();

        for (CompletableFuture<MetaOpResult> f : List.of(inFlight, queued, batcher.submit(op("/c")))) {
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertEquals(ErrorCode.SERVER_SHUTTING_DOWN, ((HydraException) e.getCause()).code());
        }
        log.commit(0);                       // the log's late answer changes nothing
        assertEquals(1, log.proposed.size(), "nothing is proposed after close");
    }
}
