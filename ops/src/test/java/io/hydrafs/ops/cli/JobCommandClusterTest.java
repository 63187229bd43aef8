package io.hydrafs.ops.cli;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MapReduce from the shell on a cluster of real processes (1 meta node, 2 blockstores, two
 * coordinators and 2 workers, 64 KiB blocks): {@code hydra cluster start --workers 2} (one
 * coordinator active, the other standby), a multi-block input put with {@code hydra fs put},
 * {@code hydra job submit|status|list|counters} (an example, a jar's definition, and
 * {@code --local}), refused submits, {@code hydra bench mr.all} at a tiny scale,
 * {@code hydra job kill} of a running job, the active coordinator's process killed and the
 * standby running the next job, and {@code hydra cluster stop} leaving no process. One cluster
 * for the whole story: starting eight JVMs is most of the cost.
 */
class JobCommandClusterTest {
    private static final int BLOCK = 64 * 1024;
    /** Short, so the standby takes over within seconds when the active coordinator is killed. */
    private static final int LEASE_MS = 3_000;

    @TempDir
    Path tmp;

    @AfterEach
    void killWhatATestLeftRunning() {
        NodeProcesses.killAllDescendants();
    }

    @Test
    @Timeout(240)
    void jobsRunOnAClusterStartedWithWorkersAndAreFollowedFromTheShell() throws Exception {
        String dir = tmp.resolve("cluster").toString();
        CliInvocation started = CliInvocation.of("cluster", "start", "--dir", dir, "--meta", "1", "--blockstores", "2",
                "--workers", "2", "--jvm-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                "--set", "hydra.blockstore.heartbeat.interval.ms=200",
                "--set", "hydra.meta.namespace.default.replication=2",
                "--set", "hydra.meta.namespace.min.block.size.bytes=" + BLOCK,
                "--set", "hydra.meta.namespace.default.block.size.bytes=" + BLOCK,
                "--set", "hydra.compute.coordinator.lease.ms=" + LEASE_MS);
        assertEquals(HydraCli.EXIT_OK, started.exitCode(), started.toString());
        assertTrue(started.out().contains("2 of 2 workers running, the active coordinator counts 2 live"),
                started.toString());

        CliInvocation status = CliInvocation.of("cluster", "status", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, status.exitCode(), status.toString());
        for (String node : List.of("c1", "c2", "w1", "w2")) {
            assertTrue(status.outLines().stream().anyMatch(l -> l.startsWith(node + " ") && l.contains("RUNNING")),
                    status.toString());
        }
        assertEquals(1, status.outLines().stream().filter(l -> l.endsWith("coordinator (active)")).count(),
                status.toString());
        assertEquals(1, status.outLines().stream().filter(l -> l.endsWith("coordinator (standby)")).count(),
                status.toString());

        Map<String, Long> expected = writeWords(tmp.resolve("words.txt"), 40_000);
        assertEquals(0, CliInvocation.of("fs", "mkdir", "-p", "/in", "--dir", dir).exitCode());
        CliInvocation put = CliInvocation.of("fs", "put", tmp.resolve("words.txt").toString(), "/in/words.txt",
                "--dir", dir);
        assertEquals(0, put.exitCode(), put.toString());

        CliInvocation submit = CliInvocation.of("job", "submit", "wordcount", "/in", "/out", "--reducers", "2",
                "--wait", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, submit.exitCode(), submit.toString());
        String jobId = submit.outLines().get(0);
        assertTrue(submit.out().contains("job " + jobId + " (wordcount): SUCCEEDED"), submit.toString());
        assertTrue(submit.out().contains("map 100%"), submit.toString());
        LocalProcessCluster cluster = LocalProcessCluster.attach(Path.of(dir));
        cluster.detach();
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            assertTrue(fs.getFileStatus("/in/words.txt").length() > 3L * BLOCK, "the input spans several blocks");
            assertEquals(expected, readCounts(fs, "/out"));
        }

        CliInvocation jobStatus = CliInvocation.of("job", "status", jobId, "--dir", dir);
        assertEquals(0, jobStatus.exitCode(), jobStatus.toString());
        assertTrue(jobStatus.out().contains("SUCCEEDED") && jobStatus.out().contains("output: /out"), jobStatus.toString());
        CliInvocation list = CliInvocation.of("job", "list", "--dir", dir);
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.outLines().stream().anyMatch(l -> l.startsWith(jobId) && l.contains("SUCCEEDED")), list.toString());
        CliInvocation counters = CliInvocation.of("job", "counters", jobId, "--dir", dir);
        assertEquals(0, counters.exitCode(), counters.toString());
        long words = expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(counters.outLines().contains("hydra.task.MAP_OUTPUT_RECORDS=" + words), counters.toString());
        assertTrue(counters.outLines().contains("hydra.task.REDUCE_OUTPUT_RECORDS=" + expected.size()), counters.toString());

        CliInvocation existing = CliInvocation.of("job", "submit", "wordcount", "/in", "/out", "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, existing.exitCode(), existing.toString());
        assertEquals(1, existing.errLines().size(), existing.toString());
        assertTrue(existing.err().contains("/out"), existing.toString());
        CliInvocation missing = CliInvocation.of("job", "submit", "wordcount", "/nothing", "/out2", "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, missing.exitCode(), missing.toString());
        assertEquals(1, missing.errLines().size(), missing.toString());
        assertTrue(missing.err().contains("/nothing"), missing.toString());
        CliInvocation unknown = CliInvocation.of("job", "submit", "frobnicate", "/in", "/out3", "--dir", dir);
        assertEquals(HydraCli.EXIT_USAGE, unknown.exitCode(), unknown.toString());

        Path jar = jarOf(tmp.resolve("wordcount.jar"), WordCount.class, WordCount.Definition.class);
        CliInvocation fromJar = CliInvocation.of("job", "submit", "--jar", jar.toString(), "--class",
                WordCount.Definition.class.getName(), "--input", "/in", "--output", "/out-jar", "--wait", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, fromJar.exitCode(), fromJar.toString());
        assertTrue(fromJar.out().contains("(WordCount$Definition): SUCCEEDED"), fromJar.toString());
        CliInvocation notInJar = CliInvocation.of("job", "submit", "--jar", jar.toString(), "--class", "com.example.Nope",
                "--input", "/in", "--output", "/out-nope", "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, notInJar.exitCode(), notInJar.toString());
        assertEquals(1, notInJar.errLines().size(), notInJar.toString());
        assertTrue(notInJar.err().contains("com.example.Nope is not in jar"), notInJar.toString());

        CliInvocation local = CliInvocation.of("job", "submit", "wordcount", "/in", "/out-local", "--local", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, local.exitCode(), local.toString());
        assertTrue(local.out().contains("SUCCEEDED in local mode"), local.toString());
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            assertEquals(expected, readCounts(fs, "/out-local"));
        }

        CliInvocation bench = CliInvocation.of("bench", "mr.all", "--scale", "1/1024", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, bench.exitCode(), bench.toString());
        assertEquals(2, bench.outLines().size(), bench.toString());
        for (String line : bench.outLines()) {
            assertTrue(line.contains("\"ok\":true") && line.contains("\"mode\":\"distributed\""), bench.toString());
        }

        aRunningJobKilledFromTheShellEndsKilledWithoutOutput(dir, cluster);
        theStandbyCoordinatorRunsJobsOnceTheActiveOneIsKilled(dir);

        CliInvocation stop = CliInvocation.of("cluster", "stop", "--dir", dir);
        assertEquals(0, stop.exitCode(), stop.toString());
        assertTrue(stop.out().startsWith("stopped 3 compute nodes"), "the standby and 2 workers: " + stop);
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }

    private void aRunningJobKilledFromTheShellEndsKilledWithoutOutput(String dir, LocalProcessCluster cluster)
            throws Exception {
        Path jar = jarOf(tmp.resolve("stalling.jar"), StallingReduceJob.class, StallingReduceJob.Definition.class,
                StallingReduceJob.StallingReducer.class);
        CliInvocation submit = CliInvocation.of("job", "submit", "--jar", jar.toString(), "--class",
                StallingReduceJob.Definition.class.getName(), "--input", "/in", "--output", "/out-killed", "--dir", dir);
        assertEquals(HydraCli.EXIT_OK, submit.exitCode(), submit.toString());
        String jobId = submit.outLines().get(0);
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !fs.listStatus("/out-killed/_temporary").isEmpty());
            // a reduce attempt is writing its part file: the job runs, with output under way

            CliInvocation kill = CliInvocation.of("job", "kill", jobId, "--dir", dir);

            assertEquals(HydraCli.EXIT_OK, kill.exitCode(), kill.toString());
            assertEquals(List.of("killed job " + jobId), kill.outLines());
            await().atMost(Duration.ofSeconds(30)).until(() -> CliInvocation.of("job", "status", jobId, "--dir", dir)
                    .out().contains("): KILLED"));
            assertFalse(fs.exists("/out-killed"), "a killed job's output directory is removed, partial output too");
        }
        CliInvocation again = CliInvocation.of("job", "kill", jobId, "--dir", dir);
        assertEquals(HydraCli.EXIT_FAILED, again.exitCode(), again.toString());
        assertTrue(again.err().contains("had already finished (KILLED)"), again.toString());
    }

    private void theStandbyCoordinatorRunsJobsOnceTheActiveOneIsKilled(String dir) throws Exception {
        CliInvocation before = CliInvocation.of("cluster", "status", "--dir", dir);
        String activeRow = before.outLines().stream().filter(l -> l.endsWith("coordinator (active)")).findFirst()
                .orElseThrow(() -> new AssertionError(before.toString()));
        String active = activeRow.split("\\s+")[0];
        long pid = Long.parseLong(activeRow.split("\\s+")[2]);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();  // a crash: the lease is not given back
        CliInvocation submit = CliInvocation.of("job", "submit", "wordcount", "/in", "/out-after-failover", "--wait",
                "--dir", dir);

        assertEquals(HydraCli.EXIT_OK, submit.exitCode(), submit.toString());
        assertTrue(submit.out().contains("(wordcount): SUCCEEDED"), submit.toString());
        CliInvocation after = CliInvocation.of("cluster", "status", "--dir", dir);
        assertTrue(after.outLines().stream().anyMatch(l -> l.startsWith(active + " ") && l.contains("DOWN")),
                after.toString());
        assertTrue(after.outLines().stream().anyMatch(l -> !l.startsWith(active + " ")
                && l.endsWith("coordinator (active)")), after.toString());
    }

    /** A jar holding the given classes' class files, as a user's job jar would. */
    private static Path jarOf(Path file, Class<?>... classes) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return file;
    }

    /** Lines of random words from a small vocabulary; returns how often each occurs. */
    private static Map<String, Long> writeWords(Path file, int lines) throws Exception {
        Random random = new Random(7);
        Map<String, Long> counts = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int n = 1 + random.nextInt(4);
            for (int w = 0; w < n; w++) {
                String word = "w" + random.nextInt(500);
                counts.merge(word, 1L, Long::sum);
                text.append(w == 0 ? "" : " ").append(word);
            }
            text.append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return counts;
    }

    private static Map<String, Long> readCounts(HydraFileSystem fs, String dir) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (FileStatus part : fs.listStatus(dir)) {
            if (!part.path().substring(part.path().lastIndexOf('/') + 1).startsWith("part-")) {
                continue;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(part.path()), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] kv = line.split("\t");
                    counts.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return counts;
    }
}
