package io.hydrafs.compute.distributed;

import io.hydrafs.client.FileStatus;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.coordinator.SchedulingSettings;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.examples.Sort;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.input.TextInputFormat;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.runtime.ComputeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WordCount and Sort on the cluster shape the system runs in (3 meta nodes, 3 blockstores, a
 * coordinator and 2 workers) over multi-block inputs, checked against independent
 * computations; data-local placement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DistributedExamplesTest {
    private DistributedFixture f;

    @BeforeAll
    void start() throws IOException {
        f = DistributedFixture.start(3, 1, 2);
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    static List<String> parts(DistributedFixture f, String dir) throws IOException {
        return f.fs.listStatus(dir).stream().map(FileStatus::path)
                .filter(p -> p.substring(p.lastIndexOf('/') + 1).startsWith("part-")).sorted().toList();
    }

    @Test
    void wordCountAcrossTwoWorkersMatchesAnIndependentCount() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        byte[] input = ExampleChecks.text(1536 * 1024, 5, expected).getBytes(StandardCharsets.UTF_8);
        ClusterFixture.write(f.fs, "/dwc/in/words.txt", input);

        RunningJob job = f.client.submit(WordCount.spec("/dwc/in", "/dwc/out", 3, Map.of(
                ComputeConfig.SORT_BUFFER_BYTES, String.valueOf(64 * 1024),
                SchedulingSettings.SPECULATIVE, "false")));  // so attempts = tasks, even on a loaded machine
        JobStatus s = job.waitForCompletion(Duration.ofSeconds(90));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertTrue(f.fs.exists("/dwc/out/_SUCCESS"));
        assertTrue(s.maps().total() >= input.length / ClusterFixture.BLOCK_BYTES, "maps: " + s.maps());
        assertEquals(List.of("/dwc/out/part-r-00000", "/dwc/out/part-r-00001", "/dwc/out/part-r-00002"),
                parts(f, "/dwc/out"));
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, parts(f, "/dwc/out")));
        Counters c = s.counters();
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), c.get(TaskCounter.MAP_OUTPUT_RECORDS));
        assertEquals(expected.size(), c.get(TaskCounter.REDUCE_OUTPUT_RECORDS));
        assertEquals(s.maps().total(), c.get(TaskCounter.LAUNCHED_MAPS));
        assertTrue(c.get(TaskCounter.SHUFFLE_BYTES) > 0);
        assertEquals(0, c.get(TaskCounter.FAILED_TASK_ATTEMPTS));
        assertEquals(new RunningJob.Progress(1.0, 1.0), job.progress());
        assertEquals(c.get(TaskCounter.REDUCE_OUTPUT_RECORDS), job.counters().get(TaskCounter.REDUCE_OUTPUT_RECORDS));
        assertTrue(job.isComplete());
    }

    @Test
    void sortAcrossTwoWorkersIsATotallyOrderedPermutation() throws Exception {
        byte[] input = ExampleChecks.records(20_000, 29);
        ClusterFixture.write(f.fs, "/dsort/in/records", input);

        JobStatus s = f.run(Sort.spec(f.fs, "/dsort/in", "/dsort/out", 3, Map.of()));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertEquals(3, parts(f, "/dsort/out").size());
        ExampleChecks.assertSortedPermutation(f.fs, parts(f, "/dsort/out"), input);
    }

    @Test
    void mapsRunOnTheWorkerCoLocatedWithTheirBlocks() throws Exception {
        f.startWorker("b2");  // now b0, b1 and b2 each have a worker
        Map<String, Long> expected = new TreeMap<>();
        byte[] input = ExampleChecks.text(1024 * 1024, 7, expected).getBytes(StandardCharsets.UTF_8);
        ClusterFixture.write(f.fs, "/dloc/in/words.txt", input, 1);  // one replica: one local worker per block
        Set<String> holders = new TextInputFormat().splits(f.fs, List.of("/dloc/in")).stream()
                .map(split -> split.hosts().get(0)).collect(Collectors.toSet());
        assertTrue(holders.size() >= 2, "blocks spread over blockstores: " + holders);

        JobStatus s = f.run(WordCount.spec("/dloc/in", "/dloc/out", 2,
                Map.of(SchedulingSettings.LOCALITY_WAIT_MS, "3000", SchedulingSettings.SPECULATIVE, "false")));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        long local = s.counters().get(TaskCounter.DATA_LOCAL_MAPS);
        long launched = s.counters().get(TaskCounter.LAUNCHED_MAPS);
        assertTrue(local >= 0.9 * launched, local + " of " + launched + " maps data-local");
        assertEquals(launched, local + s.counters().get(TaskCounter.OTHER_LOCAL_MAPS));
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, parts(f, "/dloc/out")));
    }
}
