package io.hydrafs.ops.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation on N threads, M times each, timed the way the HDFS peer times it: all
 * threads are started and parked first, the clock starts when they are released together and
 * stops when the last one has finished. Thread creation is therefore never timed.
 *
 * <p>Every op's latency is recorded in a per-thread array (no shared state on the hot path).
 * The first failure of any op stops every thread before its next op: a failed op fails the
 * workload, so running on would only time a broken system. Ops that failed are counted (more
 * than one can fail when threads fail at the same moment).
 */
final class ParallelOps {
    /** One op: the {@code index}-th op (0-based) of thread {@code thread}. */
    @FunctionalInterface
    interface Op {
        void run(int thread, int index) throws Exception;
    }

    /** What a run measured. {@code firstFailure} is null iff {@code failedOps} is 0. */
    record Outcome(long elapsedNanos, long completedOps, long failedOps, Throwable firstFailure, Latencies latencies) {
        boolean failed() {
            return failedOps > 0;
        }
    }

    private ParallelOps() {
    }

    static Outcome run(String name, int threads, int opsPerThread, Op op) throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long[][] samples = new long[threads][opsPerThread];
        int[] completed = new int[threads];   // each slot written by its thread only; read after join

        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            workers[t] = new Thread(() -> {
                parked.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long[] mine = samples[thread];
                int done = 0;
                for (int j = 0; j < opsPerThread && !stop.get(); j++) {
                    long start = System.nanoTime();
                    try {
                        op.run(thread, j);
                    } catch (Throwable e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                        stop.set(true);
                        break;
                    }
                    mine[done++] = System.nanoTime() - start;
                }
                completed[thread] = done;
            }, "bench-" + name + "-t" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }

        long t0;
        try {
            parked.await();
            t0 = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            for (Thread w : workers) {
                w.interrupt();
            }
            throw e;
        }
        long elapsed = System.nanoTime() - t0;

        long done = 0;
        for (int c : completed) {
            done += c;
        }
        return new Outcome(elapsed, done, failed.get(), firstFailure.get(), Latencies.merge(samples, completed));
    }
}
