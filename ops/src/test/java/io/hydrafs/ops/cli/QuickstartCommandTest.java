package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.JsonObjects;
import io.hydrafs.ops.bench.SdkBenchTarget;
import io.hydrafs.ops.local.ClusterLayout;
import io.hydrafs.ops.local.ClusterRecord;
import io.hydrafs.ops.local.NodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole quickstart at a tiny size: real processes, namespace, file set, benchmark, leader crash. */
class QuickstartCommandTest {
    @TempDir
    Path tmp;

    @AfterEach
    void killWhatATestLeftRunning() {
        NodeProcesses.killAllDescendants();
    }

    @Test
    void aTinyQuickstartPassesEveryCheckPrintsItsStoryAndLeavesNoProcess() throws Exception {
        Path dir = tmp.resolve("quickstart");

        CliInvocation r = CliInvocation.of(SdkBenchTarget::open, "quickstart", "--dir", dir.toString(),
                "--scale", "1/1000", "--files", "20", "--kill-after", "1000", "--write-after", "1000");

        assertEquals(HydraCli.EXIT_OK, r.exitCode(), r.toString());
        for (String expected : List.of("[1/6] starting 3 meta nodes and 3 blockstores", "blockstore (data port)",
                "which counts 3 blockstores live", "every name, type and permission as written",
                "[3/6] a file set through the data path", "wrote 11 files", "read back every file in",
                "a tour figure, not a benchmark", "down in", "failed over to another replica by itself", "restarted b",
                "with SIGKILL", "became the leader (term", "the longest gap between two successful creates was",
                "are in the namespace, closed", "failed client calls: 0", "(the old leader) down in", "rejoined as FOLLOWER",
                "[6/6] stopping the cluster", "quickstart passed in")) {
            assertTrue(r.out().contains(expected), "'" + expected + "' in\n" + r);
        }
        List<Map<String, Object>> json = r.outLines().stream().filter(l -> l.startsWith("{")).map(JsonObjects::parse).toList();
        assertEquals(6, json.size(), r.toString());
        assertTrue(json.stream().allMatch(l -> Boolean.TRUE.equals(l.get("ok")) && Boolean.TRUE.equals(l.get("warmup"))),
                r.toString());
        assertTrue(r.outLines().stream().noneMatch(l -> l.contains("PROBLEM")), r.toString());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
        assertTrue(ClusterRecord.load(new ClusterLayout(dir)).orElseThrow().pids().isEmpty());
    }

    @Test
    void fewerBlockstoresThanTheFileSetTourCanLoseOneOfIsAUsageError() {
        CliInvocation r = CliInvocation.of("quickstart", "--dir", tmp.resolve("q").toString(), "--blockstores", "1");

        assertEquals(HydraCli.EXIT_USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--blockstores in [2, 16]"), r.toString());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }
}
