package io.hydrafs.compute.distributed;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.client.JobClient;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.coordinator.CoordinatorConfig;
import io.hydrafs.compute.coordinator.CoordinatorNode;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.worker.WorkerConfig;
import io.hydrafs.compute.worker.WorkerNode;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.config.HydraConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A whole distributed runtime in one JVM on 127.0.0.1: a MiniCluster (1 or 3 meta nodes, 3
 * blockstores b0..b2), one or more job coordinators (each with its own file system client;
 * lease {@value #LEASE_MS} ms; workers expire after 3 s), workers with two slots each, and a
 * {@link JobClient}; workers and client are given every coordinator's address. Worker
 * {@code i} started by {@link #startWorker} is co-located with blockstore {@code b<i mod 3>}
 * unless told otherwise. {@code start} returns once a coordinator is active. {@link #close()}
 * stops everything, also after a failed start.
 */
final class DistributedFixture implements AutoCloseable {
    static final long WORKER_EXPIRY_MS = 3_000;
    /**
     * Short, so a failover takes seconds, but not 2 s: a renewal must land within 3/4 ttl of
     * the previous one's sending, and on 3 meta nodes of a busy 2-core machine one sometimes
     * took over the 0.8 s that left, so the active coordinator lapsed and began a new term mid-test.
     */
    static final long LEASE_MS = 4_000;

    final MiniCluster cluster;
    final HydraFileSystem fs;
    /** The first coordinator (the only one unless more were asked for). */
    final CoordinatorNode coordinator;
    final List<CoordinatorNode> coordinators = new ArrayList<>();
    final JobClient client;
    private final List<HydraFileSystem> coordinatorClients = new ArrayList<>();
    private final List<WorkerNode> workers = new ArrayList<>();
    private final Path localDir;
    private final String addresses;

    private DistributedFixture(MiniCluster cluster, Path localDir, int coordinatorCount, long workerExpiryMs)
            throws IOException {
        this.cluster = cluster;
        this.localDir = localDir;
        this.fs = cluster.newClient();
        try {
            for (int i = 0; i < coordinatorCount; i++) {
                HydraFileSystem own = cluster.newClient();
                coordinatorClients.add(own);
                coordinators.add(CoordinatorNode.start(new CoordinatorConfig("127.0.0.1", 0, workerExpiryMs, 100,
                        localDir.resolve("coordinator-" + i)).withLeaseMs(LEASE_MS), own));
            }
        } catch (IOException | RuntimeException e) {
            coordinators.forEach(CoordinatorNode::close);
            coordinatorClients.forEach(HydraFileSystem::close);
            fs.close();
            throw e;
        }
        this.coordinator = coordinators.get(0);
        this.addresses = String.join(",", coordinators.stream().map(c -> "127.0.0.1:" + c.port()).toList());
        this.client = new JobClient(addresses);
    }

    /** A cluster with one meta node, one coordinator and {@code workers} workers. */
    static DistributedFixture start(int workers) throws IOException {
        return start(1, 1, workers);
    }

    /**
     * A cluster with {@code metaNodes} meta nodes, {@code coordinators} coordinators (one
     * active, the others standby) and {@code workers} workers. Three meta nodes is the shape
     * the system runs in (lease and namespace go through a real Ratis group) and costs a few
     * seconds more to start than one.
     */
    static DistributedFixture start(int metaNodes, int coordinators, int workers) throws IOException {
        return start(metaNodes, coordinators, workers, WORKER_EXPIRY_MS);
    }

    /** As {@link #start(int, int, int)}, with workers declared lost after {@code workerExpiryMs} of silence. */
    static DistributedFixture start(int metaNodes, int coordinators, int workers, long workerExpiryMs)
            throws IOException {
        MiniCluster cluster = ClusterFixture.start(metaNodes);
        DistributedFixture f = null;
        try {
            f = new DistributedFixture(cluster, Files.createTempDirectory("hydra-compute-dist-"), coordinators,
                    workerExpiryMs);
            DistributedFixture started = f;
            await().atMost(Duration.ofSeconds(30)).until(() -> started.active().isPresent());
            for (int i = 0; i < workers; i++) {
                f.startWorker();
            }
            return f;
        } catch (IOException | RuntimeException e) {
            if (f != null) {
                f.close();
            } else {
                cluster.close();
            }
            throw e;
        }
    }

    synchronized WorkerNode startWorker() throws IOException {
        return startWorker("b" + (workers.size() % 3));
    }

    synchronized WorkerNode startWorker(String colocatedBlockstore) throws IOException {
        return startWorker(colocatedBlockstore, 100);
    }

    synchronized WorkerNode startWorker(String colocatedBlockstore, long heartbeatMs) throws IOException {
        String id = "w" + workers.size();
        HydraConfig config = HydraConfig.empty()
                .with(WorkerConfig.ID.name(), id)
                .with(WorkerConfig.COORDINATOR.name(), coordinatorAddresses())
                .with(WorkerConfig.BIND_HOST.name(), "127.0.0.1")
                .with(WorkerConfig.HOST.name(), "127.0.0.1")
                .with(WorkerConfig.SHUFFLE_PORT.name(), "0")
                .with(WorkerConfig.SLOTS.name(), "2")
                .with(WorkerConfig.HEARTBEAT_MS.name(), String.valueOf(heartbeatMs))
                .with(WorkerConfig.LOCAL_DIR.name(), localDir.resolve(id).toString())
                .with(WorkerConfig.COLOCATED_BLOCKSTORES.name(), colocatedBlockstore);
        WorkerNode w = WorkerNode.start(WorkerConfig.from(config), fs);
        workers.add(w);
        return w;
    }

    /** host:port of every coordinator, comma-separated (also of those closed since). */
    String coordinatorAddresses() {
        return addresses;
    }

    /** The coordinator that is active now, if one is. */
    Optional<CoordinatorNode> active() {
        return coordinators.stream().filter(CoordinatorNode::isActive).findFirst();
    }

    /** The worker whose id is {@code id} (workers are named w0, w1, ... in start order). */
    synchronized WorkerNode worker(String id) {
        return workers.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
    }

    /** Submits and waits for the job to end, whatever the outcome. */
    JobStatus run(JobSpec spec) throws Exception {
        return client.submit(spec).waitForCompletion(Duration.ofSeconds(90));
    }

    /** Maps of the job not succeeded yet. */
    int mapsLeft(RunningJob job) throws Exception {
        JobStatus s = job.status();
        return s.maps().total() - s.maps().succeeded();
    }

    /** Closes everything, each part even if an earlier one failed to close. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(client);
        parts.addAll(workers);
        parts.addAll(coordinators);
        parts.addAll(coordinatorClients);
        parts.add(fs);
        parts.add(cluster);
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing the distributed fixture", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        deleteLocalDir();
        if (first != null) {
            throw first;
        }
    }

    private void deleteLocalDir() {
        try (Stream<Path> walk = Files.walk(localDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
