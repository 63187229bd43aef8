package io.hydrafs.client.lease;

import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a client's write lease alive while it has files open for writing, as HDFS's
 * {@code LeaseRenewer}: the meta service holds one lease per client name covering all its
 * files under construction, and recovers (closes) those files once the lease is not renewed
 * for the soft limit. One renewal covers every open file, so there is one renewer per client.
 *
 * <p>Lifecycle: idle (no writer) -> renewing (at least one writer registered) -> idle again when
 * the last writer closes, and so on; {@link #close()} moves to closed for good (thread stopped,
 * registrations ignored). The one daemon thread is created with the first writer and kept, idle,
 * until close: applications that create many short files would otherwise start and stop a
 * thread per file. The first renewal comes at most one interval after a writer opens: creating
 * the file granted the lease.
 *
 * <p>A failed renewal is logged and retried at the next interval: the meta client has already
 * failed over and retried within its own bounds, and the interval is well under the soft limit.
 */
public final class LeaseRenewer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

    /** One renewal of the client's lease on the meta service. */
    @FunctionalInterface
    public interface Renewal {
        void renew() throws HydraException;
    }

    private final String clientName;
    private final long intervalMs;
    private final Renewal renewal;
    private final Set<Object> writers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final AtomicLong renewals = new AtomicLong();
    private ScheduledExecutorService thread;
    private boolean closed;

    public LeaseRenewer(String clientName, long intervalMs, Renewal renewal) {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("lease renew interval must be positive, got " + intervalMs + " ms");
        }
        this.clientName = clientName;
        this.intervalMs = intervalMs;
        this.renewal = renewal;
    }

    /** A writer opened: renewing starts if it is the only one. Registering twice counts once. */
    public synchronized void writerOpened(Object writer) {
        if (closed) {
            return;
        }
        writers.add(writer);
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hydra-lease-renewer-" + clientName);
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::renewOnce, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** A writer closed: renewing stops when no writer is left. Unknown writers are ignored. */
    public synchronized void writerClosed(Object writer) {
        writers.remove(writer);
    }

    /** True while renewing: some writer is open and the renewer is not closed. */
    public synchronized boolean isRunning() {
        return !closed && !writers.isEmpty();
    }

    /** True until the renewal thread, if one was created, has terminated after {@link #close()}. */
    public synchronized boolean hasThread() {
        return thread != null && !thread.isTerminated();
    }

    /** Successful renewals so far (for metrics and tests). */
    public long renewals() {
        return renewals.get();
    }

    /** Stops renewing for good. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        writers.clear();
        if (thread != null) {
            // Interrupts a renewal in flight: nobody needs the lease any more.
            thread.shutdownNow();
        }
    }

    private synchronized boolean hasWriters() {
        return !writers.isEmpty();
    }

    private void renewOnce() {
        if (!hasWriters()) {
            return;
        }
        try {
            renewal.renew();
            renewals.incrementAndGet();
        } catch (HydraException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("lease renewal for {} failed, retrying in {} ms: {}", clientName, intervalMs, e.getMessage());
            }
        } catch (RuntimeException e) {
            // An escaped exception would silently cancel the periodic task: log and keep renewing.
            LOG.error("lease renewal for {} failed unexpectedly", clientName, e);
        }
    }
}
