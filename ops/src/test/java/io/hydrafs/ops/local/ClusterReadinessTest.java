package io.hydrafs.ops.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ClusterReadinessTest {
    private static NodeStatus meta(String id, String role, int liveBlockstores) {
        return new NodeStatus(id, "127.0.0.1:1", 1, true, role, 3, 10, liveBlockstores, 0);
    }

    @Test
    void readyWhenEveryMetaNodeAnswersTheLeaderServesAndCountsEveryBlockstoreLive() {
        List<NodeStatus> nodes = List.of(meta("m1", "FOLLOWER", 1), meta("m2", NodeStatus.LEADER, 2));

        assertEquals(Optional.empty(), ClusterReadiness.lacking(nodes, 2, List.of(), () -> true));
        assertEquals(Optional.empty(), ClusterReadiness.lacking(nodes, 0, List.of(), () -> true));
    }

    @Test
    void onlyTheLeadersCountOfLiveBlockstoresCounts() {
        List<NodeStatus> nodes = List.of(meta("m1", "FOLLOWER", 3), meta("m2", NodeStatus.LEADER, 2));

        assertEquals(Optional.of("leader m2 counts 2 of 3 blockstores live"),
                ClusterReadiness.lacking(nodes, 3, List.of(), () -> true));
    }

    @Test
    void aBlockstoreWhoseDataPortIsClosedIsNotReadyYet() {
        List<NodeStatus> nodes = List.of(meta("m1", NodeStatus.LEADER, 2));

        assertEquals(Optional.of("data port not open yet: b2"), ClusterReadiness.lacking(nodes, 2, List.of("b2"), () -> true));
    }

    @Test
    void aSilentNodeOrNoLeaderOrNoServingReadIsNotReadyAndSaysWhy() {
        NodeStatus silent = NodeStatus.unreachable("m3", "127.0.0.1:3", 9);

        assertEquals(Optional.of("not answering: m3 UNREACHABLE"),
                ClusterReadiness.lacking(List.of(meta("m1", NodeStatus.LEADER, 0), silent), 0, List.of(), () -> true));
        assertEquals(Optional.of("no leader (m1 CANDIDATE term 3)"),
                ClusterReadiness.lacking(List.of(meta("m1", "CANDIDATE", 0)), 0, List.of(), () -> true));
        assertFalse(ClusterReadiness.lacking(List.of(meta("m1", NodeStatus.LEADER, 0)), 0, List.of(), () -> false).isEmpty());
    }
}
