package io.hydrafs.compute.worker;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.runtime.CommitDeniedException;
import io.hydrafs.compute.shuffle.MapOutputStore;
import io.hydrafs.compute.shuffle.ShuffleFetcher;
import io.hydrafs.compute.shuffle.ShuffleServer;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.compute.AttemptRef;
import io.hydrafs.protocol.compute.AttemptStatus;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.TaskAssignment;
import io.hydrafs.protocol.compute.WorkerHeartbeatRequest;
import io.hydrafs.protocol.compute.WorkerHeartbeatResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compute worker: a shuffle server over its {@link MapOutputStore}, and a heartbeat loop
 * that reports its attempts to the coordinator, starts the attempts it is given (each on its
 * own thread, at most {@code slots} at once by the coordinator's count), stops those it is
 * told to, and drops the map outputs of jobs that ended. Reads and writes HydraFS through
 * the given client (not closed here).
 *
 * <p>{@link #close()} stops everything at once, as a crash would for the coordinator: the
 * worker's attempts and map outputs are lost there once its heartbeats stop.
 */
public final class WorkerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerNode.class);

    private final WorkerConfig config;
    private final long startTimeMs = System.currentTimeMillis();
    private final AttemptTable attempts = new AttemptTable();
    private final Map<String, String> jobJars = new ConcurrentHashMap<>();
    private final MapOutputStore store;
    private final JobLoader loader;
    private final CoordinatorChannel coordinator;
    private final ShuffleFetcher fetcher;
    private final AttemptRunner runner;
    private final ExecutorService taskThreads;
    private final ScheduledExecutorService heartbeats;
    private ShuffleServer shuffleServer;

    private WorkerNode(WorkerConfig config, HydraFileSystem fs) {
        this.config = config;
        this.store = new MapOutputStore(config.localDir().resolve("map-outputs"));
        this.loader = new JobLoader(fs, config.localDir().resolve("jars"));
        this.coordinator = new CoordinatorChannel(config.coordinatorAddress(), RpcClientOptions.defaults());
        this.fetcher = new ShuffleFetcher(config.parallelFetches());
        this.runner = new AttemptRunner(fs, loader, store, new ReduceShuffle(coordinator, fetcher), coordinator,
                config.localDir().resolve("reduce"));
        AtomicInteger n = new AtomicInteger();
        this.taskThreads = Executors.newCachedThreadPool(r -> daemon(r, config.workerId() + "-task-" + n.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, config.workerId() + "-heartbeat"));
    }

    /** Starts the shuffle server and the heartbeats. */
    public static WorkerNode start(WorkerConfig config, HydraFileSystem fs) throws HydraException {
        WorkerNode node = new WorkerNode(config, fs);
        try {
            Files.createDirectories(config.localDir());
            node.shuffleServer = ShuffleServer.start(config.bindHost(), config.shufflePort(), node.store);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e instanceof HydraException h ? h : new HydraException(ErrorCode.IO_ERROR,
                    "worker " + config.workerId() + " cannot start: " + e, e);
        }
        node.heartbeats.scheduleWithFixedDelay(node::heartbeat, 0, config.heartbeatMs(), TimeUnit.MILLISECONDS);
        LOG.info("worker {} started: {} slots and {} for reduces, shuffle on port {}, co-located with {}",
                config.workerId(), config.slots(), config.reduceSlots(), node.shufflePort(),
                config.colocatedBlockstores());
        return node;
    }

    public String id() {
        return config.workerId();
    }

    public int shufflePort() {
        return shuffleServer.port();
    }

    private void heartbeat() {
        try {
            List<AttemptStatus> statuses = attempts.statuses();
            Set<String> locality = new LinkedHashSet<>(config.colocatedBlockstores());
            locality.add(config.advertisedHost());
            WorkerHeartbeatRequest request = WorkerHeartbeatRequest.newBuilder().setWorkerId(config.workerId())
                    .setHost(config.advertisedHost()).setShufflePort(shuffleServer.port())
                    .setTotalSlots(config.slots()).setReduceSlots(config.reduceSlots())
                    .setFreeSlots(Math.max(0, config.slots() + config.reduceSlots() - attempts.busySlots()))
                    .addAllLocality(locality).setStartTimeMs(startTimeMs).addAllAttempts(statuses).build();
            WorkerHeartbeatResponse response = coordinator.call(ComputeMethods.WORKER_HEARTBEAT, request,
                    WorkerHeartbeatResponse.parser());
            attempts.acknowledged(statuses);
            for (AttemptRef kill : response.getKillsList()) {
                attempts.kill(ComputeWire.fromProto(kill));
            }
            for (String jobId : response.getFinishedJobsList()) {
                store.removeJob(jobId);
                String jar = jobJars.remove(jobId);
                if (jar != null && !jar.isEmpty()) {
                    loader.release(jar);
                }
            }
            for (TaskAssignment t : response.getAssignmentsList()) {
                launch(new Assignment(ComputeWire.fromProto(t.getAttempt()), ComputeWire.fromProto(t.getSpec()),
                        t.hasSplit() ? ComputeWire.fromProto(t.getSplit()) : null, t.getNumMaps()));
            }
        } catch (HydraException e) {
            LOG.warn("worker {}: heartbeat to {} failed: {}", config.workerId(), coordinator.address(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("worker {}: heartbeat failed", config.workerId(), e);
        }
    }

    private void launch(Assignment a) {
        AttemptKey key = a.attempt();
        jobJars.put(key.jobId(), a.spec().jarPath());
        attempts.started(key);
        attempts.setFuture(key, taskThreads.submit(() -> runAttempt(a)));
    }

    private void runAttempt(Assignment a) {
        AttemptKey key = a.attempt();
        long startNanos = System.nanoTime();
        try {
            Counters counters = runner.run(a);
            attempts.ended(key, AttemptState.SUCCEEDED, counters, null);
            LOG.info("worker {}: attempt {} succeeded in {} ms", config.workerId(), key,
                    (System.nanoTime() - startNanos) / 1_000_000);
        } catch (CommitDeniedException e) {
            attempts.ended(key, AttemptState.KILLED, null, null);
        } catch (Throwable t) {
            if (attempts.killed(key) || Thread.currentThread().isInterrupted()) {
                attempts.ended(key, AttemptState.KILLED, null, null);
            } else {
                LOG.warn("worker {}: attempt {} failed", config.workerId(), key, t);
                attempts.ended(key, AttemptState.FAILED, null, describe(t));
            }
            if (t instanceof Error err && !(t instanceof AssertionError)) {
                throw err;
            }
        } finally {
            attempts.threadDone(key);
            reportNow();
        }
    }

    /**
     * An out-of-band heartbeat: an ended attempt is reported (and its slot refilled) at once
     * instead of at the next tick, which would leave the slot idle for half an interval on average.
     */
    private void reportNow() {
        try {
            heartbeats.execute(this::heartbeat);
        } catch (RejectedExecutionException e) {
            // stopping: nothing left to report to
        }
    }

    /** The exception and its causes, for the job's failure message. */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(String.valueOf(t));
        Throwable c = t.getCause();
        for (int i = 0; c != null && c != t && i < 3; i++, c = c.getCause()) {
            b.append("; caused by ").append(c);
        }
        return b.toString();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops heartbeats, attempts and the shuffle server at once. Idempotent. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        attempts.killAll();
        taskThreads.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
            taskThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shuffleServer != null) {
            shuffleServer.close();
        }
        fetcher.close();
        coordinator.close();
        loader.close();
        LOG.info("worker {} stopped", config.workerId());
    }
}
