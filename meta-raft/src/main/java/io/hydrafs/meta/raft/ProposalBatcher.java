package io.hydrafs.meta.raft;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Group commit on the leader: operations that arrive while log entries are in flight are
 * packed into the next entry, so one Raft round (and one RocksDB WriteBatch) serves many
 * client calls. Ratis commits a few thousand entries a second on this hardware; batching is
 * what lets the namespace go faster than that.
 *
 * <p>At most {@code maxInFlight} entries are outstanding; when one completes, everything
 * queued meanwhile (up to {@code maxOpsPerBatch}) goes out as the next entry. A lone call on an
 * idle leader is proposed at once. Each batch is stamped with the leader's clock: that timestamp
 * is the only time the state machine sees.
 *
 * <p>Lingering (off unless {@link #lingerWith} is called): with closed-loop callers, the ops of
 * the entry that just committed come straight back as the callers' next calls, a fraction of a
 * millisecond later. Sending the next entry at once would leave them behind, so the callers
 * split into ever smaller groups, down to entries of one op, and every entry costs the same CPU
 * on all nodes however few ops it carries. So a free slot waits until the queue holds a fair
 * share of the callers seen active (at the last answer: the ops answered, in flight and queued,
 * divided by the slots), or until the oldest queued op has waited the linger time, whichever
 * comes first. On an idle leader (nothing in flight, nothing answered for the linger time) a
 * call is proposed at once.
 *
 * <p>Early answers: each batch carries this batcher's random id and a sequence number. When the
 * local state machine has applied a batch (before it commits the writes to its store, see
 * {@link #applied}), the batch's callers get their results at once, instead of after the store
 * commit and Ratis's reply path; on the leader those were ~40% of an entry's apply time, spent
 * while its callers waited. The entry is committed in the log by then and apply is
 * deterministic, so the answer is final; reads wait for the applied index, which moves only
 * after the store commit, so a caller never reads state older than its answer. The slot is
 * still freed by the log's answer, which also answers any callers not answered early.
 *
 * <p>Limits and stopping: at most {@link #maxQueuedOps} ops wait for a slot; beyond that a call
 * is refused with NOT_READY (retryable: the SDK backs off), so a leader that cannot reach a
 * quorum does not pile up the retries of timed-out callers without bound. {@link #close} fails
 * every queued and unanswered call with SERVER_SHUTTING_DOWN: a stopping node discards the
 * submissions still on its submit thread, whose futures would otherwise never complete.
 *
 * <p>Batch times never go back: each is at least the latest time this batcher stamped or saw
 * applied, or that the local store holds ({@link #notEarlierThan}: entries skipped after a
 * restart or a snapshot install are never seen applied). A new leader whose clock is behind its
 * predecessor's stamps the predecessor's time until its clock catches up. Stamping and proposing are one step, so with several entries in
 * flight the log holds them in time order.
 *
 * <p>Thread-safe; it starts no threads (proposals complete on whatever thread the proposer uses,
 * linger deadlines fire on the given timer).
 */
public final class ProposalBatcher {
    private final LogProposer proposer;
    private final LongSupplier clockMs;
    private final int maxOpsPerBatch;
    private final int maxInFlight;
    private int maxQueuedOps = DEFAULT_MAX_QUEUED_OPS;
    private volatile boolean closed;

    /** How many ops may wait for a free slot by default (see {@link #maxQueuedOps(int)}). */
    public static final int DEFAULT_MAX_QUEUED_OPS = 10_000;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;
    /** This batcher's id in the batches it proposes; never 0 (0 = proposed by nobody waiting). */
    private final long proposerId = nonZeroRandom();
    private final AtomicLong proposals = new AtomicLong();
    /** The callers of each proposed batch not yet answered, by sequence number. */
    private final ConcurrentHashMap<Long, Proposal> unanswered = new ConcurrentHashMap<>();

    private record Pending(MetaOp op, CompletableFuture<MetaOpResult> result, long queuedAtNanos) {
    }

    /** A proposed batch's callers, and when it was proposed ({@link System#nanoTime}). */
    private record Proposal(List<Pending> callers, long proposedAtNanos) {
    }

    /** Observes each proposed batch: its size, how long until its callers were answered and until the log answered. */
    public interface Observer {
        /** The log answered a batch of {@code ops} operations {@code nanos} after it was proposed. */
        void proposed(int ops, long nanos, boolean ok);

        /**
         * A batch's callers got their results {@code nanos} after it was proposed: when this node
         * applied it (early answers), else with the log's answer. Called once per answered batch.
         */
        default void answered(int ops, long nanos) {
        }

        Observer NONE = (ops, nanos, ok) -> { };
    }

    private Observer observer = Observer.NONE;

    /** Runs a task after a delay; the returned action cancels it (a cancelled task may still run). */
    @FunctionalInterface
    public interface Timer {
        Runnable schedule(Runnable task, long delayNanos);
    }

    private long lingerNanos;
    private volatile LongSupplier nanoClock = System::nanoTime;
    private Timer timer;
    // A free slot waits for fairShare queued ops (or the linger time); see class comment.
    private int fairShare = 1;
    private int opsInFlight;
    private long lastAnsweredNanos;
    private Runnable cancelTimer;
    private volatile long retryCacheTtlMs;
    /** Held while an entry is stamped and proposed: log order is time order. */
    private final Object proposeOrder = new Object();
    /** The latest batch time stamped here or seen applied; guarded by {@link #proposeOrder}. */
    private long latestBatchMs;
    /** The latest batch time in the local store; see {@link #notEarlierThan}. */
    private volatile LongSupplier storedBatchTimeMs = () -> 0;

    /**
     * Makes a free slot wait up to {@code lingerNanos} (counted from the oldest queued op) for a
     * fair share of the active callers (see class comment). Call before the first submit.
     */
    public ProposalBatcher lingerWith(long lingerNanos, LongSupplier nanoClock, Timer timer) {
        Invariants.check(lingerNanos >= 0, "linger must not be negative");
        synchronized (this) {
            this.lingerNanos = lingerNanos;
            this.nanoClock = nanoClock;
            this.timer = timer;
        }
        return this;
    }

    /**
     * Stamps every batch with how long the retry cache keeps its answers (this leader's setting;
     * apply reads it from the batch, see RetryCache). Unset, batches carry none: the default.
     */
    public ProposalBatcher retryCacheTtl(long ttlMs) {
        Invariants.check(ttlMs > 0, "retry cache ttl must be positive");
        this.retryCacheTtlMs = ttlMs;
        return this;
    }

    /** At most {@code ops} ops wait for a slot; more are refused with NOT_READY. Call before the first submit. */
    public ProposalBatcher maxQueuedOps(int ops) {
        Invariants.check(ops > 0, "max queued ops must be positive: %d", ops);
        synchronized (this) {
            this.maxQueuedOps = ops;
        }
        return this;
    }

    /**
     * Stamps no batch earlier than {@code storedBatchTimeMs}, the latest batch time the local
     * store holds, which includes entries skipped rather than applied by this process.
     */
    public ProposalBatcher notEarlierThan(LongSupplier storedBatchTimeMs) {
        this.storedBatchTimeMs = storedBatchTimeMs;
        return this;
    }

    public ProposalBatcher observeWith(Observer observer) {
        this.observer = observer;
        return this;
    }

    public ProposalBatcher(LogProposer proposer, LongSupplier clockMs, int maxOpsPerBatch, int maxInFlight) {
        Invariants.check(maxOpsPerBatch > 0 && maxInFlight > 0, "batch limits must be positive");
        this.proposer = proposer;
        this.clockMs = clockMs;
        this.maxOpsPerBatch = maxOpsPerBatch;
        this.maxInFlight = maxInFlight;
    }

    /** Queues one operation; the future completes with its own result from the applied batch. */
    public CompletableFuture<MetaOpResult> submit(MetaOp op) {
        CompletableFuture<MetaOpResult> result = new CompletableFuture<>();
        List<Pending> toSend;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(stopping());
            }
            if (queue.size() >= maxQueuedOps) {
                return CompletableFuture.failedFuture(new HydraException(ErrorCode.NOT_READY,
                        "the meta leader has " + queue.size() + " operations waiting for the log; try again later"));
            }
            queue.add(new Pending(op, result, lingerNanos > 0 ? nanoClock.getAsLong() : 0));
            toSend = takeIfDueLocked();
        }
        if (toSend != null) {
            send(toSend);
        }
        return result;
    }

    /** The next entry's ops, taking a slot, if a slot is free and the entry should go now; else null. */
    private List<Pending> takeIfDueLocked() {
        if (closed || inFlight >= maxInFlight || queue.isEmpty()) {
            return null;
        }
        if (lingerNanos > 0 && queue.size() < fairShare) {
            long now = nanoClock.getAsLong();
            boolean idle = inFlight == 0 && now - lastAnsweredNanos >= lingerNanos;
            long deadline = queue.peek().queuedAtNanos() + lingerNanos;
            if (!idle && now - deadline < 0) {
                if (cancelTimer == null) {
                    cancelTimer = timer.schedule(this::lingerExpired, deadline - now);
                }
                return null;
            }
        }
        if (cancelTimer != null) {
            cancelTimer.run();
            cancelTimer = null;
        }
        inFlight++;
        return drainLocked();
    }

    private void lingerExpired() {
        List<Pending> toSend;
        synchronized (this) {
            cancelTimer = null;
            toSend = takeIfDueLocked();
        }
        if (toSend != null) {
            send(toSend);
        }
    }

    /**
     * A batch's callers are about to be answered (early or by the log): the callers seen active
     * are those in flight, the answered ones included, and those queued. Counted now, before
     * any answered caller can queue its next call and be counted twice: with early answers
     * they often have by the time the log's answer frees the slot, and a fair share above the
     * number of callers made every slot wait out the linger time.
     */
    private synchronized void noteAnswered() {
        if (lingerNanos > 0) {
            int seen = opsInFlight + queue.size();
            fairShare = Math.min(maxOpsPerBatch, (seen + maxInFlight - 1) / maxInFlight);
            lastAnsweredNanos = nanoClock.getAsLong();
        }
    }

    /** Number of entries proposed and not yet answered (for metrics and tests). */
    public synchronized int inFlight() {
        return inFlight;
    }

    private List<Pending> drainLocked() {
        int n = Math.min(queue.size(), maxOpsPerBatch);
        List<Pending> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(queue.poll());
        }
        opsInFlight += n;
        return batch;
    }

    private static long nonZeroRandom() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * The local state machine applied {@code batch} with these results (not yet committed to
     * its store): answers the batch's callers if this batcher proposed it and they are still
     * waiting. Called on the apply thread.
     */
    public void applied(MetaBatch batch, MetaBatchResult result) {
        synchronized (proposeOrder) {
            latestBatchMs = Math.max(latestBatchMs, batch.getTimestampMs());
        }
        if (batch.getProposer() != proposerId) {
            return;
        }
        Proposal proposal = unanswered.remove(batch.getProposal());
        if (proposal != null) {
            noteAnswered();
            deliver(proposal.callers(), result, null);
            observeAnswered(proposal);
        }
    }

    /** After the callers are answered: a throwing observer must not keep anyone from an answer. */
    private void observeAnswered(Proposal proposal) {
        try {
            observer.answered(proposal.callers().size(), nanoClock.getAsLong() - proposal.proposedAtNanos());
        } catch (RuntimeException e) {
            // metrics only; the callers have their answers
        }
    }

    private void send(List<Pending> batch) {
        long proposal = proposals.incrementAndGet();
        long start = nanoClock.getAsLong();
        unanswered.put(proposal, new Proposal(batch, start));
        CompletableFuture<MetaBatchResult> f;
        try {
            synchronized (proposeOrder) {
                if (closed) {
                    // close() swept the unanswered calls before this batch joined them: nothing may
                    // reach a stopping submit thread, whose futures would never complete
                    f = CompletableFuture.failedFuture(stopping());
                } else {
                    latestBatchMs = Math.max(latestBatchMs,
                            Math.max(clockMs.getAsLong(), storedBatchTimeMs.getAsLong()));
                    MetaBatch.Builder entry = MetaBatch.newBuilder().setTimestampMs(latestBatchMs)
                            .setRetryCacheTtlMs(retryCacheTtlMs).setProposer(proposerId).setProposal(proposal);
                    for (Pending p : batch) {
                        entry.addOps(p.op());
                    }
                    f = proposer.propose(entry.build());
                }
            }
        } catch (RuntimeException e) {
            // Nothing reached the log: the callers get the error and the slot goes on below.
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((result, error) -> {
            try {
                Proposal unansweredEarly = unanswered.remove(proposal);
                if (unansweredEarly != null) {
                    noteAnswered();
                    deliver(unansweredEarly.callers(), result, error);
                    observeAnswered(unansweredEarly);
                }
                observer.proposed(batch.size(), nanoClock.getAsLong() - start, error == null);
            } finally {
                // Always hand the slot on, or a throwing observer would wedge every later call.
                handOnSlot(batch.size());
            }
        });
    }

    /**
     * Fails every queued and unanswered call with SERVER_SHUTTING_DOWN and refuses new ones.
     * Idempotent. Entries already proposed may still commit: their callers were told the node
     * is stopping, a retryable error, and a retry gets the logged answer from the retry cache.
     */
    public void close() {
        List<Pending> failed = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (cancelTimer != null) {
                cancelTimer.run();
                cancelTimer = null;
            }
            failed.addAll(queue);
            queue.clear();
        }
        synchronized (proposeOrder) {
            // Waits out a send() that is proposing now; every later one sees closed and proposes nothing.
        }
        for (Long proposal : List.copyOf(unanswered.keySet())) {
            Proposal p = unanswered.remove(proposal);
            if (p != null) {
                failed.addAll(p.callers());
            }
        }
        HydraException stopping = stopping();
        for (Pending p : failed) {
            p.result().completeExceptionally(stopping);
        }
    }

    private static HydraException stopping() {
        return new HydraException(ErrorCode.SERVER_SHUTTING_DOWN, "meta node is stopping");
    }

    private void handOnSlot(int answered) {
        List<Pending> next;
        synchronized (this) {
            inFlight--;
            opsInFlight -= answered;
            next = takeIfDueLocked();
        }
        if (next != null) {
            send(next);
        }
    }

    private static void deliver(List<Pending> batch, MetaBatchResult result, Throwable error) {
        if (error == null && result == null) {
            error = new IllegalStateException("invariant violated: the log answered a batch with no results");
        } else if (error == null && result.getResultsCount() != batch.size()) {
            error = new IllegalStateException("invariant violated: batch of " + batch.size()
                    + " ops got " + result.getResultsCount() + " results");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (error != null) {
                batch.get(i).result().completeExceptionally(error);
            } else {
                batch.get(i).result().complete(result.getResults(i));
            }
        }
    }
}
