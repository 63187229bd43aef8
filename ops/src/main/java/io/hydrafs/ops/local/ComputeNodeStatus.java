package io.hydrafs.ops.local;

import java.util.Locale;

/**
 * One compute node as {@code hydra cluster status} shows it: its process, and for a
 * coordinator whether it is the active one (and then how many workers it counts live).
 *
 * @param id          c1, c2, w1, w2, ...
 * @param role        "coordinator" or "worker"
 * @param address     a coordinator's RPC address or a worker's shuffle address
 * @param pid         process id, or -1 when no process runs
 * @param liveWorkers the active coordinator's count of live workers; -1 for the others
 * @param haState     a coordinator's answer: ACTIVE, STANDBY, or UNKNOWN (no answer; always for a worker)
 */
public record ComputeNodeStatus(String id, String role, String address, long pid, int liveWorkers, HaState haState) {
    public static final String COORDINATOR = "coordinator";
    public static final String WORKER = "worker";

    public enum HaState { ACTIVE, STANDBY, UNKNOWN }

    public boolean alive() {
        return pid > 0;
    }

    public boolean active() {
        return haState == HaState.ACTIVE;
    }

    /** "coordinator (active)", "coordinator (standby)", "coordinator", "worker". */
    public String roleText() {
        return role.equals(COORDINATOR) && haState != HaState.UNKNOWN
                ? role + " (" + haState.name().toLowerCase(Locale.ROOT) + ")" : role;
    }
}
