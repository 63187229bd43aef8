package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.JsonObjects;
import io.hydrafs.ops.bench.SdkBenchTarget;
import io.hydrafs.ops.local.ClusterLayout;
import io.hydrafs.ops.local.ClusterRecord;
import io.hydrafs.ops.local.NodePid;
import io.hydrafs.ops.local.NodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hydra cluster start|status|stop} and {@code hydra bench --dir}, with real meta node
 * processes and no blockstore; with blockstores in {@link ClusterCommandBlockstoresTest}.
 */
class ClusterCommandTest {
    @TempDir
    Path tmp;

    @AfterEach
    void killWhatATestLeftRunning() {
        NodeProcesses.killAllDescendants();
    }

    private static CliInvocation hydra(String... args) {
        return CliInvocation.of(SdkBenchTarget::open, args);
    }

    private static List<Long> recordedPids(Path dir) throws Exception {
        return ClusterRecord.load(new ClusterLayout(dir)).orElseThrow().pids().values().stream().map(NodePid::pid).toList();
    }

    @Test
    void startStatusBenchAndStopWorkAcrossSeparateInvocations() throws Exception {
        String dir = tmp.resolve("cluster").toString();

        CliInvocation started = hydra("cluster", "start", "--dir", dir, "--blockstores", "0");

        assertEquals(HydraCli.EXIT_OK, started.exitCode(), started.toString());
        assertTrue(started.out().contains("3 of 3 meta nodes running, leader m"), started.toString());
        assertTrue(started.outLines().stream().anyMatch(l -> l.matches("meta addresses: (127\\.0\\.0\\.1:\\d+,){2}127\\.0\\.0\\.1:\\d+")),
                started.toString());
        List<Long> pids = recordedPids(Path.of(dir));
        assertEquals(3, pids.size());
        assertTrue(pids.stream().noneMatch(NodeProcesses::isGone), "nodes must keep running after 'start' returns");

        CliInvocation status = hydra("cluster", "status", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, status.exitCode(), status.toString());
        assertEquals(6, status.outLines().size(), status.toString());
        assertTrue(status.outLines().get(5).matches("HTTP: m1 http://127\\.0\\.0\\.1:\\d+/, m2 .*, m3 .*"),
                status.toString());
        assertEquals(1, status.outLines().stream().filter(l -> l.contains(" LEADER ")).count(), status.toString());
        assertEquals(2, status.outLines().stream().filter(l -> l.contains(" FOLLOWER ")).count(), status.toString());
        for (long pid : pids) {
            assertTrue(status.out().contains(" " + pid + " "), pid + " in " + status);
        }

        CliInvocation again = hydra("cluster", "start", "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, again.exitCode(), again.toString());
        assertEquals(1, again.errLines().size(), again.toString());
        assertTrue(again.err().contains("already running"), again.toString());

        CliInvocation bench = hydra("bench", "meta.create", "--scale", "1/1000", "--no-warmup", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, bench.exitCode(), bench.toString());
        Map<String, Object> line = JsonObjects.parse(bench.out().strip());
        assertEquals(Boolean.TRUE, line.get("ok"), bench.toString());
        assertEquals(HydraCli.EXIT_USAGE, hydra("bench", "meta.create", "--dir", dir, "--meta", "127.0.0.1:1").exitCode());

        CliInvocation ha = hydra("bench", "ha.failover", "ha.restart", "--scale", "1/1000", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, ha.exitCode(), ha.toString());
        List<Map<String, Object>> haLines = ha.outLines().stream().map(JsonObjects::parse).toList();
        assertEquals(2, haLines.size(), ha.toString());
        Map<String, Object> failover = haLines.get(0);
        assertEquals("ha.failover", failover.get("workload"), ha.toString());
        assertEquals(0L, failover.get("lost"), ha.toString());
        assertTrue(((Number) failover.get("ops")).longValue() > 0, ha.toString());
        assertTrue(((Number) failover.get("max_gap_s")).doubleValue() > 0, ha.toString());
        Map<String, Object> restart = haLines.get(1);
        assertEquals("ha.restart", restart.get("workload"), ha.toString());
        assertEquals(1000L, restart.get("files"), ha.toString());
        assertTrue(((Number) restart.get("seconds")).doubleValue() > 0, ha.toString());
        assertEquals(3, recordedPids(Path.of(dir)).size(), "ha.* leaves every meta node running: " + ha);

        CliInvocation stopped = hydra("cluster", "stop", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, stopped.exitCode(), stopped.toString());
        assertTrue(stopped.out().startsWith("stopped 3 meta nodes and 0 blockstores"), stopped.toString());
        assertTrue(pids.stream().allMatch(NodeProcesses::isGone), "left running after stop: " + pids);
        assertEquals(List.of(), NodeProcesses.liveDescendants());

        CliInvocation statusOfStopped = hydra("cluster", "status", "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, statusOfStopped.exitCode());
        assertEquals(1, statusOfStopped.errLines().size(), statusOfStopped.toString());
        assertTrue(statusOfStopped.err().contains("is not running"), statusOfStopped.toString());
        assertEquals(HydraCli.EXIT_FAILED, hydra("cluster", "stop", "--dir", dir).exitCode());
        assertEquals(HydraCli.EXIT_FAILED, hydra("bench", "meta.create", "--dir", dir).exitCode());
    }

    @Test
    void benchLocalRunsOnAThrowawayClusterAndRemovesIt() throws Exception {
        CliInvocation bench = hydra("bench", "--local", "meta.mkdir", "data.write", "--scale", "1/1000", "--no-warmup");

        assertEquals(HydraCli.EXIT_OK, bench.exitCode(), bench.toString());
        List<String> lines = bench.outLines();
        assertEquals(2, lines.size(), bench.toString());
        for (String l : lines) {
            assertEquals(Boolean.TRUE, JsonObjects.parse(l).get("ok"), bench.toString());
        }
        String started = bench.errLines().stream().filter(l -> l.startsWith("starting a local cluster")).findFirst()
                .orElseThrow(() -> new AssertionError(bench.toString()));
        Path dir = Path.of(started.substring(started.lastIndexOf(" in ") + 4));
        assertFalse(Files.exists(dir), "the throwaway cluster's directory stays: " + dir);
        assertEquals(List.of(), NodeProcesses.liveDescendants());
        assertEquals(HydraCli.EXIT_USAGE, hydra("bench", "--local", "--dir", dir.toString(), "meta.mkdir").exitCode());
    }

    @Test
    void nodeSettingsGivenWithSetReachTheNodes() throws Exception {
        Path dir = tmp.resolve("with-settings");

        CliInvocation rejected = hydra("cluster", "start", "--dir", dir.toString(), "--meta", "1", "--blockstores", "0",
                "--set", "hydra.meta.batch.max.ops=0");

        assertEquals(HydraCli.EXIT_FAILED, rejected.exitCode(), rejected.toString());
        assertEquals(1, rejected.errLines().size(), rejected.toString());
        assertTrue(rejected.err().contains("hydra.meta.batch.max.ops"), "the node names the bad key: " + rejected);
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }

    @Test
    void wrongDirectoriesAndSizesAreOneLineErrors() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        CliInvocation noCluster = hydra("cluster", "status", "--dir", empty.toString());
        CliInvocation notADir = hydra("cluster", "start", "--dir", file.toString());
        CliInvocation tooMany = hydra("cluster", "start", "--meta", "12", "--dir", empty.toString());
        CliInvocation zero = hydra("cluster", "start", "--meta", "0", "--dir", empty.toString());
        CliInvocation negativeStores = hydra("cluster", "start", "--blockstores", "-1", "--dir", empty.toString());
        CliInvocation tooManyStores = hydra("cluster", "start", "--blockstores", "17", "--dir", empty.toString());

        assertEquals(HydraCli.EXIT_FAILED, noCluster.exitCode(), noCluster.toString());
        assertTrue(noCluster.err().contains("no HydraFS cluster in"), noCluster.toString());
        assertEquals(HydraCli.EXIT_FAILED, notADir.exitCode(), notADir.toString());
        assertTrue(notADir.err().contains("is not a directory"), notADir.toString());
        assertEquals(HydraCli.EXIT_USAGE, tooMany.exitCode(), tooMany.toString());
        assertEquals(HydraCli.EXIT_USAGE, zero.exitCode(), zero.toString());
        assertEquals(HydraCli.EXIT_USAGE, negativeStores.exitCode(), negativeStores.toString());
        assertEquals(HydraCli.EXIT_USAGE, tooManyStores.exitCode(), tooManyStores.toString());
        assertTrue(tooManyStores.err().contains("the number of blockstores must be 0 to 16, got 17"), tooManyStores.toString());
        for (CliInvocation r : List.of(noCluster, notADir, tooMany, zero, negativeStores, tooManyStores)) {
            assertEquals(1, r.errLines().size(), r.toString());
            assertEquals("", r.out(), r.toString());
        }
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }

    @Test
    void clusterAloneShowsItsVerbsAsAUsageError() {
        CliInvocation r = hydra("cluster");

        assertEquals(HydraCli.EXIT_USAGE, r.exitCode());
        for (String verb : List.of("start", "status", "stop")) {
            assertTrue(r.err().contains(verb), r.toString());
        }
    }
}
