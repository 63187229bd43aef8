package io.hydrafs.ops.local;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real meta node processes on 127.0.0.1: start, serve, crash of the leader, restart, stop.
 * Metadata-only clusters (no blockstore) unless a test is about blockstores; clusters with
 * running blockstores are in {@link LocalClusterWithBlockstoresTest}.
 */
class LocalProcessClusterTest {
    @TempDir
    Path dir;

    private LocalProcessCluster cluster;

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        NodeProcesses.killAllDescendants();
    }

    private LocalProcessCluster start(LocalClusterOptions.Builder options) throws HydraException {
        cluster = LocalProcessCluster.start(options.readyTimeout(NodeProcesses.READY_TIMEOUT).build());
        return cluster;
    }

    @Test
    void threeNodeProcessesElectANewLeaderWhenTheLeaderIsKilledAndTheKilledNodeRejoins() throws Exception {
        start(LocalClusterOptions.builder(dir.resolve("c")).blockstores(0));
        List<Long> pids = List.of(cluster.pid(0), cluster.pid(1), cluster.pid(2));
        assertEquals(3, new HashSet<>(pids).size(), "one process per node: " + pids);
        assertTrue(pids.stream().allMatch(p -> p > 0 && p != ProcessHandle.current().pid()), pids.toString());
        List<NodeStatus> status = cluster.status();
        assertTrue(status.stream().allMatch(NodeStatus::answered), status.toString());
        assertEquals(1, status.stream().filter(NodeStatus::isLeader).count(), status.toString());

        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            fs.mkdirs("/before");
            fs.create("/before/f").close();
            int leader = cluster.leaderIndex();
            long leaderPid = cluster.pid(leader);
            awaitApplyPriorities(leader);

            cluster.kill(leader);

            assertTrue(NodeProcesses.isGone(leaderPid), "SIGKILLed leader still runs");
            int next = cluster.awaitLeader(Duration.ofSeconds(30));
            assertNotEquals(leader, next);
            fs.create("/before/g").close();
            fs.rename("/before", "/after");
            awaitApplyPriorities(next); // the new leader applies at normal priority again
            assertEquals(List.of("f", "g"), fs.listStatus("/after").stream().map(FileStatus::name).toList());

            cluster.start(leader);
            long leaderApplied = cluster.status().get(next).appliedIndex();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.status().get(leader).appliedIndex() >= leaderApplied);
        }
    }

    /**
     * Followers apply at nice 19, the leader at 0 (see the meta node's ApplyPriority). Only as
     * root: elsewhere a thread cannot be raised back, and the meta nodes keep every priority.
     */
    private void awaitApplyPriorities(int leader) {
        if (!NodeProcesses.runningAsRoot()) {
            return;
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                if (cluster.isAlive(i)) {
                    Set<Integer> nice = NodeProcesses.threadNiceValues(cluster.pid(i));
                    assertEquals(i != leader, nice.contains(19), "node " + i + " (leader " + leader + "): " + nice);
                    assertTrue(nice.stream().allMatch(n -> n == 0 || n == 19), "node " + i + ": " + nice);
                }
            }
        });
    }

    @Test
    void closeStopsEveryProcessAndAStoppedClusterRestartsWithItsNamespace() throws Exception {
        Path clusterDir = dir.resolve("c");
        start(LocalClusterOptions.builder(clusterDir).metaNodes(1).blockstores(0));
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            fs.mkdirs("/kept");
        }
        List<Long> firstPids = cluster.allPids();

        cluster.close();

        assertTrue(firstPids.stream().allMatch(NodeProcesses::isGone), "left running: " + firstPids);
        assertTrue(ClusterRecord.load(new ClusterLayout(clusterDir)).orElseThrow().pids().isEmpty());
        assertTrue(Files.notExists(clusterDir.resolve("m1").resolve("node.pid")));
        HydraException notRunning = assertThrows(HydraException.class, () -> LocalProcessCluster.attach(clusterDir));
        assertEquals(ErrorCode.NOT_READY, notRunning.code());

        start(LocalClusterOptions.builder(clusterDir));
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            assertTrue(fs.getFileStatus("/kept").isDirectory());
        }
    }

    @Test
    void aNodeThatCannotStartFailsTheStartWithItsLogLineAndLeavesNothingRunning() {
        HydraException e = assertThrows(HydraException.class, () -> start(LocalClusterOptions.builder(dir.resolve("c")).blockstores(0)
                .jvmOptions(List.of("-XX:+NoSuchHydraTestFlag"))));

        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains("exited with code 1 while starting"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchHydraTestFlag"), e.getMessage());
        assertTrue(e.getMessage().contains("node.log"), e.getMessage());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }

    @Test
    void aBlockstoreThatCannotStartFailsTheStartWithItsLogLineAndStopsTheMetaNodes() throws Exception {
        Path clusterDir = dir.resolve("c");

        HydraException e = assertThrows(HydraException.class, () -> start(LocalClusterOptions.builder(clusterDir)
                .metaNodes(1).blockstores(1).config("hydra.blockstore.heartbeat.interval.ms", "0")));

        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("IO_ERROR: blockstore b1 exited with code "), e.getMessage());
        assertTrue(e.getMessage().contains(clusterDir.resolve("b1").resolve("node.log").toString()), e.getMessage());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
        assertTrue(ClusterRecord.load(new ClusterLayout(clusterDir)).orElseThrow().pids().isEmpty());
    }

    @Test
    void aSecondClusterInTheSameDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        Path clusterDir = dir.resolve("c");
        start(LocalClusterOptions.builder(clusterDir).metaNodes(1).blockstores(0));

        HydraException e = assertThrows(HydraException.class,
                () -> LocalProcessCluster.start(LocalClusterOptions.builder(clusterDir).build()));

        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, e.code());
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        LocalProcessCluster found = LocalProcessCluster.attach(clusterDir);
        try {
            assertEquals(Set.copyOf(cluster.allPids()), Set.copyOf(found.allPids()));
        } finally {
            found.detach();
        }
    }
}
