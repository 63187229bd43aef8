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
 * The MapReduce processes of a local cluster: the job coordinators (c1, c2: the lease holder
 * is active, the other its standby) and the workers (w1..), started after the blockstores and
 * stopped before them. Ready when a coordinator is active and counts every worker live (each
 * has heartbeated), so a job submitted then is spread over all. A cluster without workers has
 * none of these processes: every method is then a no-op.
 */
final class LocalComputeNodes {
    private static final RpcClientOptions PROBE = RpcClientOptions.defaults().withCallTimeoutMs(2_000)
            .withConnectTimeoutMs(1_000);

    private final LocalCompute compute;
    private final NodeGroup coordinator;
    private final NodeGroup workers;

    LocalComputeNodes(LocalCompute compute, NodeCommand command, ClusterLayout layout, NodeGroup.PidRecorder recorder) {
        this.compute = compute;
        this.coordinator = new NodeGroup("coordinator", compute.coordinators().stream().map(LocalCoordinator::id).toList(),
                i -> command.coordinatorArgv(layout, compute.coordinators().get(i)), layout, recorder);
        this.workers = new NodeGroup("worker", compute.workers().stream().map(LocalWorker::id).toList(),
                i -> command.workerArgv(layout, compute, compute.workers().get(i)), layout, recorder);
    }

    LocalCompute compute() {
        return compute;
    }

    List<NodeGroup> groups() {
        return List.of(coordinator, workers);
    }

    /** Starts the coordinators, then every worker. */
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

    /** What the compute nodes still lack, in words, or empty when the active coordinator counts every worker live. */
    Optional<String> lacking() {
        if (!compute.present()) {
            return Optional.empty();
        }
        List<ComputeNodeStatus> coordinators = coordinatorStatus();
        Optional<ComputeNodeStatus> active = coordinators.stream().filter(ComputeNodeStatus::active).findFirst();
        if (active.isEmpty()) {
            return Optional.of("no coordinator is active yet (" + compute.coordinatorAddress() + ")");
        }
        if (coordinators.stream().anyMatch(c -> c.haState() == ComputeNodeStatus.HaState.UNKNOWN)) {
            return Optional.of("a standby coordinator does not answer yet");
        }
        int live = active.get().liveWorkers();
        if (live < workers.size()) {
            return Optional.of("coordinator " + active.get().id() + " counts " + live + " of " + workers.size()
                    + " workers live");
        }
        return Optional.empty();
    }

    /** Each coordinator: active (with its count of live workers), standby, or not answering. */
    private List<ComputeNodeStatus> coordinatorStatus() {
        List<ComputeNodeStatus> all = new ArrayList<>();
        for (int i = 0; i < coordinator.size(); i++) {
            LocalCoordinator c = compute.coordinators().get(i);
            ComputeNodeStatus.HaState state = ComputeNodeStatus.HaState.UNKNOWN;
            int live = -1;
            if (coordinator.isAlive(i) && LoopbackPorts.isListening(c.port())) {
                // one try at this address only: a standby's redirect must not make it look active
                try (JobClient client = new JobClient(c.address(), PROBE, 0)) {
                    live = client.liveWorkers().size();
                    state = ComputeNodeStatus.HaState.ACTIVE;
                } catch (HydraException e) {
                    state = isStandbyRefusal(e) ? ComputeNodeStatus.HaState.STANDBY : state;
                } catch (RuntimeException e) {
                    // not answering: UNKNOWN
                }
            }
            all.add(new ComputeNodeStatus(c.id(), ComputeNodeStatus.COORDINATOR, c.address(), coordinator.pid(i), live,
                    state));
        }
        return all;
    }

    /** A NOT_LEADER answer (the channel gives up at once and wraps it in a TIMEOUT). */
    private static boolean isStandbyRefusal(HydraException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HydraException h && h.code() == ErrorCode.NOT_LEADER) {
                return true;
            }
        }
        return false;
    }

    List<ComputeNodeStatus> status() {
        List<ComputeNodeStatus> all = new ArrayList<>();
        if (!compute.present()) {
            return all;
        }
        all.addAll(coordinatorStatus());
        for (int i = 0; i < workers.size(); i++) {
            all.add(new ComputeNodeStatus(workers.id(i), ComputeNodeStatus.WORKER,
                    compute.workers().get(i).shuffleAddress(), workers.pid(i), -1, ComputeNodeStatus.HaState.UNKNOWN));
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

    /** Workers first (their running attempts end with them), then the coordinators. */
    void stopAll(Duration grace) {
        workers.stopAll(grace);
        coordinator.stopAll(grace);
    }

    /** Polls until {@link #lacking()} is empty; IO_ERROR if a node exits, TIMEOUT after {@code deadline}. */
    void awaitReady(Instant deadline, Duration timeout, ClusterLayout layout) throws HydraException {
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
            Polling.pause("the compute nodes");
        }
    }
}
