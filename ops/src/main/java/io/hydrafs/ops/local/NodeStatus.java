package io.hydrafs.ops.local;

import java.util.List;
import java.util.Optional;

/**
 * One meta node as {@code hydra cluster status} shows it: whether its process runs and, if it
 * answered {@code meta.clusterStatus}, its Raft role, term and applied index.
 *
 * @param id           node id (m1, m2, ...)
 * @param address      client RPC endpoint, host:port
 * @param pid          process id, or -1 when no process runs
 * @param alive        whether the process runs
 * @param role         {@link #DOWN} (no process), {@link #UNREACHABLE} (runs, did not answer), or the
 *                     Raft role it reported: LEADER, FOLLOWER, CANDIDATE...
 * @param term         Raft term it reported, -1 if it did not answer
 * @param appliedIndex last applied log index it reported, -1 if it did not answer
 * @param liveBlockstores blockstores this node counts as live (from their heartbeats), -1 if it did not
 *                     answer; only the leader's count decides anything
 * @param deadBlockstores blockstores this node counts as dead, -1 if it did not answer
 * @param reportedBlockstores live blockstores whose full block report this node holds, -1 if it did not answer
 */
public record NodeStatus(String id, String address, long pid, boolean alive, String role, long term,
                         long appliedIndex, int liveBlockstores, int deadBlockstores, int reportedBlockstores) {

    /** A node whose view of blockstores is not known in detail: every live one counts as reported. */
    public NodeStatus(String id, String address, long pid, boolean alive, String role, long term, long appliedIndex,
                      int liveBlockstores, int deadBlockstores) {
        this(id, address, pid, alive, role, term, appliedIndex, liveBlockstores, deadBlockstores, liveBlockstores);
    }
    public static final String LEADER = "LEADER";
    public static final String DOWN = "DOWN";
    public static final String UNREACHABLE = "UNREACHABLE";

    static NodeStatus down(String id, String address) {
        return new NodeStatus(id, address, -1, false, DOWN, -1, -1, -1, -1, -1);
    }

    static NodeStatus unreachable(String id, String address, long pid) {
        return new NodeStatus(id, address, pid, true, UNREACHABLE, -1, -1, -1, -1, -1);
    }

    public boolean answered() {
        return term >= 0;
    }

    public boolean isLeader() {
        return alive && LEADER.equals(role);
    }

    /**
     * Index in {@code nodes} of the leader, or -1. If two nodes claim leadership (an old leader
     * that has not yet noticed a newer term), the one with the higher term is the leader.
     */
    public static int leaderIndex(List<NodeStatus> nodes) {
        int best = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).isLeader() && (best < 0 || nodes.get(i).term() > nodes.get(best).term())) {
                best = i;
            }
        }
        return best;
    }

    public static Optional<NodeStatus> leader(List<NodeStatus> nodes) {
        int i = leaderIndex(nodes);
        return i < 0 ? Optional.empty() : Optional.of(nodes.get(i));
    }

    /** "m1 LEADER term 2", "m2 DOWN": for one-line summaries and error messages. */
    public String brief() {
        return answered() ? id + " " + role + " term " + term : id + " " + role;
    }
}
