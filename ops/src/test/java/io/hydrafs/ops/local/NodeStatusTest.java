package io.hydrafs.ops.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeStatusTest {
    private static NodeStatus node(String id, String role, long term) {
        return new NodeStatus(id, "127.0.0.1:1", 1, true, role, term, 5, 0, 0);
    }

    @Test
    void theLeaderIsTheNodeReportingLeaderWithTheHighestTerm() {
        List<NodeStatus> nodes = List.of(node("m1", "LEADER", 2), node("m2", "FOLLOWER", 3), node("m3", "LEADER", 3));

        assertEquals(2, NodeStatus.leaderIndex(nodes));
    }

    @Test
    void downAndUnreachableNodesAreNeverLeaders() {
        List<NodeStatus> nodes = List.of(NodeStatus.down("m1", "a:1"), NodeStatus.unreachable("m2", "a:2", 7),
                node("m3", "CANDIDATE", 4));

        assertEquals(-1, NodeStatus.leaderIndex(nodes));
        assertEquals("m1 DOWN", nodes.get(0).brief());
        assertEquals("m3 CANDIDATE term 4", nodes.get(2).brief());
    }
}
