package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.BlockstoreStatus;
import io.hydrafs.ops.local.ComputeNodeStatus;
import io.hydrafs.ops.local.NodeStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterStatusViewTest {
    private static final Path DIR = Path.of("/tmp/c");
    private static final NodeStatus LEADER = new NodeStatus("m1", "127.0.0.1:9870", 100, true, NodeStatus.LEADER, 2, 40, 1, 1);

    @Test
    void blockstoresGetTheirOwnRowsAndTheLeadersLiveAndDeadCountsInTheSummary() {
        List<BlockstoreStatus> stores = List.of(new BlockstoreStatus("b1", "127.0.0.1:9872", 101),
                new BlockstoreStatus("b2", "127.0.0.1:9882", -1));

        List<String> lines = ClusterStatusView.lines(DIR, List.of(LEADER), stores);

        assertEquals(List.of(
                "HydraFS cluster in /tmp/c: 1 of 1 meta nodes running, leader m1 (term 2); 1 of 2 blockstores running, "
                        + "the leader counts 1 live and 1 dead",
                "NODE  ADDRESS                PID      ROLE           TERM    APPLIED",
                "m1    127.0.0.1:9870         100      LEADER            2         40",
                "STORE DATA ADDRESS           PID      PROCESS",
                "b1    127.0.0.1:9872         101      RUNNING",
                "b2    127.0.0.1:9882         -        DOWN"), lines);
    }

    @Test
    void recordedHttpPortsAreShownAsAddressesOnTheLastLine() {
        List<BlockstoreStatus> stores = List.of(new BlockstoreStatus("b1", "127.0.0.1:9872", 101));

        List<String> lines = ClusterStatusView.lines(DIR, List.of(LEADER), stores, Map.of("m1", 9873, "b1", 9874));

        assertEquals("HTTP: m1 http://127.0.0.1:9873/, b1 http://127.0.0.1:9874/", lines.get(lines.size() - 1));
    }

    @Test
    void withoutRecordedHttpPortsNoHttpLineIsShown() {
        List<String> lines = ClusterStatusView.lines(DIR, List.of(LEADER), List.of(), Map.of());

        assertEquals(3, lines.size(), lines.toString());
    }

    @Test
    void aClusterWithoutBlockstoresOrLeaderShowsNoBlockstoreTableAndNoCounts() {
        List<String> lines = ClusterStatusView.lines(DIR, List.of(NodeStatus.leader(List.of()).orElse(
                new NodeStatus("m1", "127.0.0.1:9870", 100, true, "CANDIDATE", 2, 40, 0, 0))), List.of());

        assertEquals(3, lines.size(), lines.toString());
        assertEquals("HydraFS cluster in /tmp/c: 1 of 1 meta nodes running, no leader; 0 of 0 blockstores running",
                lines.get(0));
    }

    @Test
    void computeNodesGetASummaryLineAndTheirOwnRowsAfterTheBlockstores() {
        List<BlockstoreStatus> stores = List.of(new BlockstoreStatus("b1", "127.0.0.1:9872", 101));
        List<ComputeNodeStatus> compute = List.of(
                new ComputeNodeStatus("c1", ComputeNodeStatus.COORDINATOR, "127.0.0.1:9875", 200, -1,
                        ComputeNodeStatus.HaState.STANDBY),
                new ComputeNodeStatus("c2", ComputeNodeStatus.COORDINATOR, "127.0.0.1:9885", 202, 1,
                        ComputeNodeStatus.HaState.ACTIVE),
                new ComputeNodeStatus("w1", ComputeNodeStatus.WORKER, "127.0.0.1:9876", 201, -1,
                        ComputeNodeStatus.HaState.UNKNOWN),
                new ComputeNodeStatus("w2", ComputeNodeStatus.WORKER, "127.0.0.1:9886", -1, -1,
                        ComputeNodeStatus.HaState.UNKNOWN));

        List<String> lines = ClusterStatusView.lines(DIR, List.of(LEADER), stores, compute, Map.of());

        assertEquals("MapReduce: coordinator c1 at 127.0.0.1:9875 standby, c2 at 127.0.0.1:9885 active; 1 of 2 "
                + "workers running, the active coordinator counts 1 live", lines.get(1));
        assertEquals(List.of(
                "NODE  ADDRESS                PID      PROCESS      ROLE",
                "c1    127.0.0.1:9875         200      RUNNING      coordinator (standby)",
                "c2    127.0.0.1:9885         202      RUNNING      coordinator (active)",
                "w1    127.0.0.1:9876         201      RUNNING      worker",
                "w2    127.0.0.1:9886         -        DOWN         worker"), lines.subList(lines.size() - 5, lines.size()));
    }
}
