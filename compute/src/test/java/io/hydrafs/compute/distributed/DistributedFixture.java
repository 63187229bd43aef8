package io.hydrafs.compute.distributed;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.client.JobClient;
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
import java.util.stream.Stream;

/**
 * A whole distributed runtime in one JVM on 127.0.0.1: a MiniCluster (1 meta node, 3
 * blockstores b0..b2), a job coordinator (workers expire after 3 s) and workers with two
 * slots each, and a {@link JobClient}. Worker {@code i} started by {@link #startWorker} is
 * co-located with blockstore {@code b<i mod 3>} unless told otherwise. {@link #close()} stops
 * everything, also after a failed start.
 */
final class DistributedFixture implements AutoCloseable {
    static final long WORKER_EXPIRY_MS = 3_000;

    final MiniCluster cluster;
    final HydraFileSystem fs;
    final CoordinatorNode coordinator;
    final JobClient client;
    private final List<WorkerNode> workers = new ArrayList<>();
    private final Path localDir;

    private DistributedFixture(MiniCluster cluster, Path localDir) throws IOException {
        this.cluster = cluster;
        this.localDir = localDir;
        this.fs = cluster.newClient();
        this.coordinator = CoordinatorNode.start(new CoordinatorConfig("127.0.0.1", 0, WORKER_EXPIRY_MS, 100,
                localDir.resolve("coordinator")), fs);
        this.client = new JobClient("127.0.0.1:" + coordinator.port());
    }

    /** The cluster, the coordinator and {@code workers} workers. */
    static DistributedFixture start(int workers) throws IOException {
        MiniCluster cluster = ClusterFixture.start();
        DistributedFixture f = null;
        try {
            f = new DistributedFixture(cluster, Files.createTempDirectory("hydra-compute-dist-"));
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
        String id = "w" + workers.size();
        HydraConfig config = HydraConfig.empty()
                .with(WorkerConfig.ID.name(), id)
                .with(WorkerConfig.COORDINATOR.name(), "127.0.0.1:" + coordinator.port())
                .with(WorkerConfig.BIND_HOST.name(), "127.0.0.1")
                .with(WorkerConfig.HOST.name(), "127.0.0.1")
                .with(WorkerConfig.SHUFFLE_PORT.name(), "0")
                .with(WorkerConfig.SLOTS.name(), "2")
                .with(WorkerConfig.HEARTBEAT_MS.name(), "100")
                .with(WorkerConfig.LOCAL_DIR.name(), localDir.resolve(id).toString())
                .with(WorkerConfig.COLOCATED_BLOCKSTORES.name(), colocatedBlockstore);
        WorkerNode w = WorkerNode.start(WorkerConfig.from(config), fs);
        workers.add(w);
        return w;
    }

    /** The worker whose id is {@code id} (workers are named w0, w1, ... in start order). */
    synchronized WorkerNode worker(String id) {
        return workers.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
    }

    /** Submits and waits for the job to end, whatever the outcome. */
    JobStatus run(JobSpec spec) throws Exception {
        return client.waitForCompletion(client.submit(spec), Duration.ofSeconds(90));
    }

    /** Closes everything, each part even if an earlier one failed to close. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(client);
        parts.addAll(workers);
        parts.add(coordinator);
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
