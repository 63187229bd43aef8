package io.hydrafs.compute.coordinator;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.coord.CoordinationClient;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.journal.JournalEntry;
import io.hydrafs.compute.coordinator.journal.JournalFiles;
import io.hydrafs.compute.coordinator.journal.JournalReplay;
import io.hydrafs.compute.coordinator.journal.JournalWriter;
import io.hydrafs.compute.coordinator.lease.Leadership;
import io.hydrafs.compute.coordinator.lease.LeaseSource;
import io.hydrafs.compute.coordinator.lease.MetaLeaseSource;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcServer;
import io.hydrafs.protocol.net.RpcServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running job coordinator, active or standby. Every coordinator process competes for one
 * lease ({@link Leadership}, renewed every ttl/3 on its own thread); the holder is active.
 * A ticker follows the lease ({@link TermGate}): when this node becomes active at an epoch it
 * starts a term ({@link ActiveTerm}) by replaying the journal into a new {@link JobScheduler};
 * when the lease is lost, or held at another epoch, the term is dropped at once and RPCs are
 * refused ({@link ActiveTerms}). While active the ticker also expires silent workers, marks
 * stragglers and commits or removes the output of jobs that ended (outside the scheduler's
 * lock, after the decision is journaled, and only if the lease is still held).
 *
 * <p>Uses the given file system client (not closed here; it must act as the cluster's
 * superuser to hold the lease) for the lease, the journal, splits, job jars and output
 * commits.
 */
public final class CoordinatorNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorNode.class);

    private final CoordinatorConfig config;
    private final Consumer<JobEvent> observer;
    private final JobSubmission submission;
    private final JobLoader loader;
    private final JournalFiles journal;
    private final LeaseSource leaseSource;
    private final ExecutorService handlers;
    private final ScheduledExecutorService ticker;
    private final ScheduledExecutorService leaseKeeper;
    private final RpcServer server;
    private volatile Leadership leadership;
    private volatile TermGate gate;

    private CoordinatorNode(CoordinatorConfig config, HydraFileSystem fs, Consumer<JobEvent> observer) {
        this.config = config;
        this.observer = observer;
        this.loader = new JobLoader(fs, config.localDir().resolve("jars"));
        this.submission = new JobSubmission(fs, loader);
        this.journal = new JournalFiles(fs, config.journalDir());
        this.leaseSource = new MetaLeaseSource(new CoordinationClient(fs.meta()), config.leaseKey());
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(4, r -> daemon(r, "coordinator-rpc-" + n.incrementAndGet()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coordinator-tick"));
        this.leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coordinator-lease"));
        this.server = new RpcServer(config.bindHost(), config.port(),
                RpcServerOptions.defaults().withHandlerExecutor(handlers));
        new CoordinatorService(this::currentTerm, submission, System::currentTimeMillis).registerAll(server::register);
    }

    /**
     * Starts serving on the configured address, as a standby until it holds the lease; the
     * observer receives every {@link JobEvent} of this node's active terms.
     */
    public static CoordinatorNode start(CoordinatorConfig config, HydraFileSystem fs, Consumer<JobEvent> observer)
            throws HydraException {
        CoordinatorNode node = new CoordinatorNode(config, fs, observer);
        try {
            node.server.start();
        } catch (HydraException | RuntimeException e) {
            node.close();
            throw e;
        }
        String address = config.clientHost() + ":" + node.port();
        node.leadership = new Leadership(node.leaseSource, address + "/" + UUID.randomUUID().toString().substring(0, 8),
                address, config.leaseMs());
        node.gate = new TermGate(node.leadership, CoordinatorNode::monotonicMs);
        node.leaseKeeper.scheduleWithFixedDelay(() -> node.leadership.renew(monotonicMs()), 0,
                Math.max(1, config.leaseMs() / 3), TimeUnit.MILLISECONDS);
        node.ticker.scheduleWithFixedDelay(node::tick, config.tickMs(), config.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("job coordinator {} listening on port {} (standby until it holds the lease)", address, node.port());
        return node;
    }

    public static CoordinatorNode start(CoordinatorConfig config, HydraFileSystem fs) throws HydraException {
        return start(config, fs, e -> { });
    }

    public int port() {
        return server.port();
    }

    /** host:port clients reach this coordinator at. */
    public String address() {
        return leadership.address();
    }

    /** Holds the lease and has recovered its jobs: it schedules and answers RPCs. */
    public boolean isActive() {
        try {
            currentTerm();
            return true;
        } catch (HydraException e) {
            return false;
        }
    }

    private ActiveTerm currentTerm() throws HydraException {
        TermGate g = gate;
        if (g == null) {
            throw new HydraException(ErrorCode.NOT_READY, "coordinator is starting");
        }
        return g.current();
    }

    private void tick() {
        try {
            ActiveTerm t = gate.follow(this::takeOver);
            if (t == null) {
                return;
            }
            List<JobFinish> finishes;
            synchronized (t.scheduler()) {
                t.scheduler().tick(System.currentTimeMillis());
                finishes = t.scheduler().takeFinishes();
                t.sync();  // a Finishing decision is durable before its commit or abort starts
            }
            for (JobFinish f : finishes) {
                currentTerm();  // fenced: a node that lost the lease commits nothing more
                String error = submission.finish(f);
                JobStatus status;
                synchronized (t.scheduler()) {
                    status = t.scheduler().finishDone(f.jobId(), error, System.currentTimeMillis());
                    t.sync();
                }
                logFinish(f, error, status);
            }
        } catch (HydraException | RuntimeException e) {
            LOG.error("coordinator tick failed", e);
        }
    }

    /**
     * A new term: copies what the journal still needs into this term's file, rebuilds the
     * jobs from it and deletes the older files. Only then does the node answer as active.
     */
    private ActiveTerm takeOver(long epoch) throws HydraException {
        long now = System.currentTimeMillis();
        List<JournalEntry> entries = JournalReplay.retained(journal.readLatest(), config.retainedJobs());
        JournalWriter writer = journal.create(epoch, now);
        try {
            entries.forEach(writer::copy);
            writer.snapshotEnd();
            writer.sync();
            JobScheduler scheduler = new JobScheduler("job_" + now + "_", config.workerExpiryMs(),
                    config.retainedJobs(), event -> {
                        writer.append(event);
                        observer.accept(event);
                    });
            int running = 0;
            for (RecoveredJob job : JournalReplay.of(entries).jobs()) {
                scheduler.restoreJob(job, now);
                running += job.finished() ? 0 : 1;
            }
            writer.sync();
            journal.deleteOlderThan(writer.path());
            LOG.info("coordinator {} is active at epoch {}: recovered {} unfinished jobs from {} journal records",
                    leadership.address(), epoch, running, entries.size());
            return new ActiveTerm(epoch, scheduler, writer);
        } catch (HydraException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static void logFinish(JobFinish f, String error, JobStatus status) {
        Counters c = status.counters();
        LOG.info("job {} {}{}: {}; maps {} ({} data-local, {} re-run), reduces {}, {} failed and {} killed "
                        + "attempts, {} speculative", f.jobId(), status.state(),
                error == null ? "" : " (" + error + ")", status.failure().isEmpty() ? "ok" : status.failure(),
                c.get(TaskCounter.LAUNCHED_MAPS), c.get(TaskCounter.DATA_LOCAL_MAPS),
                c.get(TaskCounter.RERUN_MAPS), c.get(TaskCounter.LAUNCHED_REDUCES),
                c.get(TaskCounter.FAILED_TASK_ATTEMPTS), c.get(TaskCounter.KILLED_TASK_ATTEMPTS),
                c.get(TaskCounter.SPECULATIVE_ATTEMPTS));
    }

    private static long monotonicMs() {
        return System.nanoTime() / 1_000_000;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops serving, ticking and renewing at once, as a crash would: the lease is not given
     * back, so a standby takes over when it expires and carries the running jobs on from the
     * journal. Idempotent.
     */
    @Override
    public void close() {
        server.close();
        leaseKeeper.shutdownNow();
        ticker.shutdownNow();
        handlers.shutdownNow();
        try {
            leaseKeeper.awaitTermination(5, TimeUnit.SECONDS);
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (gate != null) {
            gate.close();
        }
        loader.close();
    }
}
