package io.hydrafs.ops.local;

import io.hydrafs.compute.client.JobClient;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcClientOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MapReduce processes of a local cluster: the job coordinator (c1) and the workers (w1..),
 * started after the blockstores and stopped before them. Ready when the coordinator answers and
 * counts every worker live (each has heartbeated), so a job submitted then is spread over all.
 * A cluster without workers has none of these processes: every method is then a no-op.
 */
final class LocalComputeNodes {
    private static final RpcClientOptions PROBE = RpcClientOptions.defaults().withCallTimeoutMs(2_000)
            .withConnectTimeoutMs(1_000);

    private final LocalCompute compute;
    private final NodeGroup coordinator;
    private final NodeGroup workers;

    LocalComputeNodes(LocalCompute compute, NodeCommand command, ClusterLayout layout, NodeGroup.PidRecorder recorder) {
        this.compute = compute;
        this.coordinator = new NodeGroup("coordinator", compute.present() ? List.of(compute.coordinatorId()) : List.of(),
                i -> command.coordinatorArgv(layout, compute), layout, recorder);
        this.workers = new NodeGroup("worker", compute.workers().stream().map(LocalWorker::id).toList(),
                i -> command.workerArgv(layout, compute, compute.workers().get(i)), layout, recorder);
    }

    LocalCompute compute() {
        return compute;
    }

    List<NodeGroup> groups() {
        return List.of(coordinator, workers);
    }

    /** Starts the coordinator, then every worker. */
    void launchAll() throws HydraException {
        for (int i = 0; i < coordinator.size(); i++) {
            coordinator.launch(i);
        }
        for (int i = 0; i < workers.size(); i++) {
            workers.launch(i);
        }
    }

    void checkAllStillRunning() throws HydraException {
        coordinator.checkAllStillRunning();
        workers.checkAllStillRunning();
    }

    /** What the compute nodes still lack, in words, or empty when the coordinator counts every worker live. */
    Optional<String> lacking() {
        if (!compute.present()) {
            return Optional.empty();
        }
        int live = liveWorkers();
        if (live < 0) {
            return Optional.of("coordinator " + compute.coordinatorId() + " does not answer on "
                    + compute.coordinatorAddress());
        }
        if (live < workers.size()) {
            return Optional.of("coordinator counts " + live + " of " + workers.size() + " workers live");
        }
        return Optional.empty();
    }

    /** The coordinator's count of live workers, or -1 when it does not answer. */
    int liveWorkers() {
        if (!compute.present() || !coordinator.isAlive(0) || !LoopbackPorts.isListening(compute.coordinatorPort())) {
            return -1;
        }
        try (JobClient client = new JobClient(compute.coordinatorAddress(), PROBE)) {
            return client.liveWorkers().size();
        } catch (HydraException | RuntimeException e) {
            return -1;
        }
    }

    List<ComputeNodeStatus> status() {
        List<ComputeNodeStatus> all = new ArrayList<>();
        if (!compute.present()) {
            return all;
        }
        all.add(new ComputeNodeStatus(compute.coordinatorId(), ComputeNodeStatus.COORDINATOR,
                compute.coordinatorAddress(), coordinator.pid(0), liveWorkers()));
        for (int i = 0; i < workers.size(); i++) {
            all.add(new ComputeNodeStatus(workers.id(i), ComputeNodeStatus.WORKER,
                    compute.workers().get(i).shuffleAddress(), workers.pid(i), -1));
        }
        return all;
    }

    void attach(Map<String, ProcessHandle> running) {
        for (NodeGroup group : groups()) {
            for (int i = 0; i < group.size(); i++) {
                ProcessHandle h = running.get(group.id(i));
                if (h != null) {
                    group.attach(i, h);
                }
            }
        }
    }

    List<Long> allPids() {
        List<Long> pids = new ArrayList<>(coordinator.allPids());
        pids.addAll(workers.allPids());
        return pids;
    }

    /** Workers first (their running attempts end with them), then the coordinator. */
    void stopAll(Duration grace) {
        workers.stopAll(grace);
        coordinator.stopAll(grace);
    }

    /** Polls until {@link #lacking()} is empty; IO_ERROR if a node exits, TIMEOUT after {@code deadline}. */
    void awaitReady(Instant deadline, Duration timeout, ClusterLayout layout, Duration poll) throws HydraException {
        while (true) {
            checkAllStillRunning();
            Optional<String> lacking = lacking();
            if (lacking.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, "the compute nodes were not ready within "
                        + timeout.toSeconds() + " s (" + lacking.get() + "); see " + layout.logHint());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HydraException(ErrorCode.IO_ERROR, "interrupted while waiting for the compute nodes", e);
            }
        }
    }
}
