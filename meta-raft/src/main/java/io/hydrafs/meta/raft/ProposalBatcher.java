package io.hydrafs.meta.raft;

import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * split into groups that alternate between entries of a few ops each, and every entry costs the
 * same CPU on all nodes however few ops it carries. So when an entry is answered, the freed slot
 * waits until as many ops are queued as were just answered plus those already waiting (the
 * callers seen active), or until the linger time is up, whichever comes first. A call that
 * arrives after the linger time on an idle leader is still proposed at once.
 *
 * <p>Thread-safe; it starts no threads (proposals complete on whatever thread the proposer uses,
 * linger deadlines fire on the given timer).
 */
public final class ProposalBatcher {
    private final LogProposer proposer;
    private final LongSupplier clockMs;
    private final int maxOpsPerBatch;
    private final int maxInFlight;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    private record Pending(MetaOp op, CompletableFuture<MetaOpResult> result) {
    }

    /** Observes each proposed batch: its size and how long the log took to answer it. */
    public interface Observer {
        void proposed(int ops, long nanos, boolean ok);

        Observer NONE = (ops, nanos, ok) -> { };
    }

    private Observer observer = Observer.NONE;

    /** Runs a task after a delay; the returned action cancels it (a cancelled task may still run). */
    @FunctionalInterface
    public interface Timer {
        Runnable schedule(Runnable task, long delayNanos);
    }

    private long lingerNanos;
    private LongSupplier nanoClock = System::nanoTime;
    private Timer timer;
    // While lingering: the free slot waits for lingerTarget queued ops or until lingerDeadline.
    private boolean lingering;
    private int lingerTarget;
    private long lingerDeadline;
    private Runnable cancelTimer;

    /**
     * Makes a slot freed by an answered entry wait up to {@code lingerNanos} for the callers of
     * that entry to come back (see class comment). Call before the first submit.
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
        Pending p = new Pending(op, new CompletableFuture<>());
        List<Pending> toSend = null;
        synchronized (this) {
            queue.add(p);
            toSend = takeIfDueLocked();
        }
        if (toSend != null) {
            send(toSend);
        }
        return p.result();
    }

    /** The next entry's ops, taking a slot, if a slot is free and the entry should go now; else null. */
    private List<Pending> takeIfDueLocked() {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
            return null;
        }
        if (lingering) {
            if (queue.size() < lingerTarget && nanoClock.getAsLong() - lingerDeadline < 0) {
                if (cancelTimer == null) {
                    cancelTimer = timer.schedule(this::lingerExpired,
                            Math.max(0, lingerDeadline - nanoClock.getAsLong()));
                }
                return null;
            }
            lingering = false;
            if (cancelTimer != null) {
                cancelTimer.run();
                cancelTimer = null;
            }
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
        return batch;
    }

    private void send(List<Pending> batch) {
        MetaBatch.Builder entry = MetaBatch.newBuilder().setTimestampMs(clockMs.getAsLong());
        for (Pending p : batch) {
            entry.addOps(p.op());
        }
        CompletableFuture<MetaBatchResult> f;
        long start = System.nanoTime();
        try {
            f = proposer.propose(entry.build());
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((result, error) -> {
            try {
                deliver(batch, result, error);
                observer.proposed(batch.size(), System.nanoTime() - start, error == null);
            } finally {
                // Always hand the slot on, or a throwing observer would wedge every later call.
                handOnSlot(batch.size());
            }
        });
    }

    private void handOnSlot(int answered) {
        List<Pending> next;
        synchronized (this) {
            inFlight--;
            if (lingerNanos > 0) {
                lingering = true;
                lingerTarget = Math.min(maxOpsPerBatch, answered + queue.size());
                lingerDeadline = nanoClock.getAsLong() + lingerNanos;
            }
            next = takeIfDueLocked();
        }
        if (next != null) {
            send(next);
        }
    }

    private static void deliver(List<Pending> batch, MetaBatchResult result, Throwable error) {
        if (error == null && result.getResultsCount() != batch.size()) {
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
