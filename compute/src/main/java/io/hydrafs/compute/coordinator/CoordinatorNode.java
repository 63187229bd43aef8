package io.hydrafs.compute.coordinator;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcServer;
import io.hydrafs.protocol.net.RpcServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running job coordinator: the {@link CoordinatorService} on an RPC server, and a ticker
 * that expires silent workers, marks stragglers for speculation and commits or removes the
 * output of jobs that ended (file system work done outside the scheduler's lock). Uses the
 * given file system client (not closed here) for splits, job jars and output commits.
 */
public final class CoordinatorNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorNode.class);

    private final JobScheduler scheduler;
    private final JobSubmission submission;
    private final JobLoader loader;
    private final ExecutorService handlers;
    private final ScheduledExecutorService ticker;
    private final RpcServer server;

    private CoordinatorNode(CoordinatorConfig config, HydraFileSystem fs, Consumer<JobEvent> journal) {
        this.scheduler = new JobScheduler("job_" + System.currentTimeMillis() + "_", config.workerExpiryMs(), journal);
        this.loader = new JobLoader(fs, config.localDir().resolve("jars"));
        this.submission = new JobSubmission(fs, loader);
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(4, r -> daemon(r, "coordinator-rpc-" + n.incrementAndGet()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coordinator-tick"));
        this.server = new RpcServer(config.bindHost(), config.port(),
                RpcServerOptions.defaults().withHandlerExecutor(handlers));
        new CoordinatorService(scheduler, submission, System::currentTimeMillis).registerAll(server::register);
    }

    /** Starts serving on the configured address; the journal receives every {@link JobEvent}. */
    public static CoordinatorNode start(CoordinatorConfig config, HydraFileSystem fs, Consumer<JobEvent> journal)
            throws HydraException {
        CoordinatorNode node = new CoordinatorNode(config, fs, journal);
        try {
            node.server.start();
        } catch (HydraException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.ticker.scheduleWithFixedDelay(node::tick, config.tickMs(), config.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("job coordinator listening on port {}", node.port());
        return node;
    }

    public static CoordinatorNode start(CoordinatorConfig config, HydraFileSystem fs) throws HydraException {
        return start(config, fs, e -> { });
    }

    public int port() {
        return server.port();
    }

    private void tick() {
        try {
            List<JobFinish> finishes;
            synchronized (scheduler) {
                scheduler.tick(System.currentTimeMillis());
                finishes = scheduler.takeFinishes();
            }
            for (JobFinish f : finishes) {
                String error = submission.finish(f);
                JobStatus status;
                synchronized (scheduler) {
                    scheduler.finishDone(f.jobId(), error, System.currentTimeMillis());
                    status = scheduler.status(f.jobId());
                }
                Counters c = status.counters();
                LOG.info("job {} {}{}: {}; maps {} ({} data-local, {} re-run), reduces {}, {} failed and {} killed "
                                + "attempts, {} speculative", f.jobId(), status.state(),
                        error == null ? "" : " (" + error + ")", status.failure().isEmpty() ? "ok" : status.failure(),
                        c.get(TaskCounter.LAUNCHED_MAPS), c.get(TaskCounter.DATA_LOCAL_MAPS),
                        c.get(TaskCounter.RERUN_MAPS), c.get(TaskCounter.LAUNCHED_REDUCES),
                        c.get(TaskCounter.FAILED_TASK_ATTEMPTS), c.get(TaskCounter.KILLED_TASK_ATTEMPTS),
                        c.get(TaskCounter.SPECULATIVE_ATTEMPTS));
            }
        } catch (HydraException | RuntimeException e) {
            LOG.error("coordinator tick failed", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops serving and ticking; running jobs are abandoned (no HA yet). Idempotent. */
    @Override
    public void close() {
        server.close();
        ticker.shutdownNow();
        handlers.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loader.close();
    }
}
