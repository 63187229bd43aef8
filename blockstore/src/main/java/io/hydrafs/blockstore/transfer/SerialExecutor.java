package io.hydrafs.blockstore.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's disk tasks one at a time, in submission order, on a shared pool: the
 * pool is shared so that many connections need few threads, the order is kept so that a
 * connection's packets reach its replica in the order they arrived.
 *
 * <p>Once the pool refuses work (the server is shutting down) tasks run on the submitting
 * thread, so that cleanup such as closing a replica writer is never lost.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            LOG.debug("disk pool refused work (shutting down): running disk tasks inline");
            drain();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("disk task failed", e);
            }
        }
    }
}
