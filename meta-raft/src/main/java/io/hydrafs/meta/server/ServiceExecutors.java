package io.hydrafs.meta.server;

import io.hydrafs.meta.blocks.BlockstoreService;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads a meta node's RPC services hand work to, so that none of it runs on an RPC I/O
 * thread: namespace reads (two threads), content summaries (one thread of their own, so that a
 * {@code du} of a large tree never holds up a stat or a block lookup), and full block reports
 * (one thread, bounded; see {@link BlockstoreService}).
 */
final class ServiceExecutors implements AutoCloseable {
    private final ExecutorService reads;
    private final ExecutorService summaries;
    private final ExecutorService reports;

    ServiceExecutors(String nodeId) {
        this.reads = Executors.newFixedThreadPool(2, daemon("meta-read-" + nodeId));
        this.summaries = Executors.newSingleThreadExecutor(daemon("meta-summary-" + nodeId));
        this.reports = BlockstoreService.newReportExecutor(daemon("meta-block-reports-" + nodeId));
    }

    Executor reads() {
        return reads;
    }

    Executor summaries() {
        return summaries;
    }

    Executor reports() {
        return reports;
    }

    /** Drops queued work (the RPC server is closed by then) and waits briefly for running work. */
    @Override
    public void close() {
        List<ExecutorService> all = List.of(reads, summaries, reports);
        all.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService e : all) {
                e.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
