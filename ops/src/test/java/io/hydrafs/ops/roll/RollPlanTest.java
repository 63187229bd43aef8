package io.hydrafs.ops.roll;

import io.hydrafs.ops.local.NodeStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RollPlanTest {
    private static NodeStatus node(String id, String role, long applied) {
        return new NodeStatus(id, "127.0.0.1:1", 100, true, role, 4, applied, 3, 0);
    }

    private static NodeStatus down(String id) {
        return new NodeStatus(id, "127.0.0.1:1", -1, false, NodeStatus.DOWN, -1, -1, -1, -1);
    }

    @Test
    void followersRestartFirstInNodeOrderAndTheLeaderLast() throws Exception {
        List<NodeStatus> nodes = List.of(node("m1", "FOLLOWER", 9), node("m2", NodeStatus.LEADER, 10),
                node("m3", "FOLLOWER", 10));

        assertEquals(List.of(0, 2, 1), RollPlan.metaOrder(nodes));
    }

    @Test
    void leadershipGoesToTheFollowerThatHasAppliedTheMost() throws Exception {
        List<NodeStatus> nodes = List.of(node("m1", "FOLLOWER", 9), node("m2", NodeStatus.LEADER, 12),
                node("m3", "FOLLOWER", 11));

        assertEquals(2, RollPlan.successor(nodes, 1));
    }

    @Test
    void aGroupWithANodeDownIsNotRolled() {
        List<NodeStatus> nodes = List.of(node("m1", "FOLLOWER", 9), node("m2", NodeStatus.LEADER, 10), down("m3"));

        HydraException e = assertThrows(HydraException.class, () -> RollPlan.metaOrder(nodes));
        assertEquals(ErrorCode.NOT_READY, e.code());
        assertEquals(true, e.getMessage().contains("m3 DOWN"), e.getMessage());
    }

    @Test
    void aGroupWithoutALeaderIsNotRolled() {
        List<NodeStatus> nodes = List.of(node("m1", "CANDIDATE", 9), node("m2", "FOLLOWER", 10));

        assertEquals(ErrorCode.NO_LEADER, assertThrows(HydraException.class, () -> RollPlan.metaOrder(nodes)).code());
    }
}
