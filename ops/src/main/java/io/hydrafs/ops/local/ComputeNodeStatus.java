package io.hydrafs.ops.local;

/**
 * One compute node as {@code hydra cluster status} shows it: its process, and for the
 * coordinator how many workers it counts live.
 *
 * @param id          c1, w1, w2, ...
 * @param role        "coordinator" or "worker"
 * @param address     the coordinator's RPC address or a worker's shuffle address
 * @param pid         process id, or -1 when no process runs
 * @param liveWorkers the coordinator's count of live workers; -1 for a worker or when it did not answer
 */
public record ComputeNodeStatus(String id, String role, String address, long pid, int liveWorkers) {
    public static final String COORDINATOR = "coordinator";
    public static final String WORKER = "worker";

    public boolean alive() {
        return pid > 0;
    }
}
