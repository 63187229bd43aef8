package io.hydrafs.ops.roll;

import io.hydrafs.ops.local.NodeStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a rolling restart's meta nodes: followers first, in node order, the leader
 * last, so that leadership moves once. A roll starts only on a whole group: with one node
 * already down, restarting another would leave a 3-node group without a majority.
 */
public final class RollPlan {
    private RollPlan() {
    }

    /** Indexes of the meta nodes in restart order. */
    public static List<Integer> metaOrder(List<NodeStatus> nodes) throws HydraException {
        List<String> notServing = nodes.stream().filter(n -> !n.answered()).map(NodeStatus::brief).toList();
        if (!notServing.isEmpty()) {
            throw new HydraException(ErrorCode.NOT_READY, "a rolling restart needs every meta node running; not serving: "
                    + String.join(", ", notServing));
        }
        int leader = NodeStatus.leaderIndex(nodes);
        if (leader < 0) {
            throw new HydraException(ErrorCode.NO_LEADER, "a rolling restart needs a meta leader; none serves now");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (i != leader) {
                order.add(i);
            }
        }
        order.add(leader);
        return order;
    }

    /**
     * Where to move leadership before the leader restarts: the follower that has applied the
     * most (it needs the least catching up to lead), the first in node order on a tie.
     */
    public static int successor(List<NodeStatus> nodes, int leader) throws HydraException {
        int best = -1;
        for (int i = 0; i < nodes.size(); i++) {
            NodeStatus n = nodes.get(i);
            if (i != leader && n.answered() && (best < 0 || n.appliedIndex() > nodes.get(best).appliedIndex())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new HydraException(ErrorCode.NOT_READY, "no follower serves to take over from the leader "
                    + nodes.get(leader).id());
        }
        return best;
    }
}
