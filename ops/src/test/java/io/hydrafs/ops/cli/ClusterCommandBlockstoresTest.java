package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.NodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hydra cluster} with real blockstore processes ({@code hydra blockstore}, module blockstore). */
class ClusterCommandBlockstoresTest {
    @TempDir
    Path tmp;

    @AfterEach
    void killWhatATestLeftRunning() {
        NodeProcesses.killAllDescendants();
    }

    @Test
    void startWithBlockstoresWaitsUntilTheLeaderCountsThemAndStatusAndStopShowThem() {
        String dir = tmp.resolve("cluster").toString();

        CliInvocation started = CliInvocation.of("cluster", "start", "--dir", dir, "--meta", "1", "--blockstores", "2",
                "--set", "hydra.blockstore.heartbeat.interval.ms=200");

        assertEquals(HydraCli.EXIT_OK, started.exitCode(), started.toString());
        assertTrue(started.out().contains("1 of 1 meta nodes running, leader m1"), started.toString());
        assertTrue(started.out().contains("2 of 2 blockstores running, the leader counts 2 live and 0 dead"), started.toString());

        CliInvocation status = CliInvocation.of("cluster", "status", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, status.exitCode(), status.toString());
        assertEquals(7, status.outLines().size(), status.toString());
        assertTrue(status.outLines().get(6).startsWith("HTTP: m1 http://127.0.0.1:"), status.toString());
        for (String store : List.of("b1", "b2")) {
            assertTrue(status.outLines().stream().anyMatch(l -> l.matches(store + " +127\\.0\\.0\\.1:\\d+ +\\d+ +RUNNING")),
                    store + " in " + status);
        }

        CliInvocation stopped = CliInvocation.of("cluster", "stop", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, stopped.exitCode(), stopped.toString());
        assertTrue(stopped.out().startsWith("stopped 1 meta node and 2 blockstores"), stopped.toString());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }
}
