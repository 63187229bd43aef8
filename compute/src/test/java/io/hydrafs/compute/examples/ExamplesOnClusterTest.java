package io.hydrafs.compute.examples;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.runtime.ComputeConfig;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.runtime.JobResult;
import io.hydrafs.compute.runtime.LocalJobRunner;
import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WordCount and Sort in local mode over multi-block files, checked against independent computations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ExamplesOnClusterTest {
    private MiniCluster cluster;
    private HydraFileSystem fs;

    @BeforeAll
    void start() throws IOException {
        cluster = ClusterFixture.start();
        fs = cluster.newClient();
    }

    @AfterAll
    void stop() {
        if (fs != null) {
            fs.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void wordCountOverAMultiBlockFileMatchesAnIndependentCount() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        byte[] input = ExampleChecks.text(3 * 1024 * 1024, 11, expected).getBytes(StandardCharsets.UTF_8);
        ClusterFixture.write(fs, "/wc/in/words.txt", input);

        Job job = WordCount.builder("/wc/in", "/wc/out", 3)
                .config(ComputeConfig.SORT_BUFFER_BYTES, String.valueOf(64 * 1024))  // forces spills per map
                .build();
        JobResult result = new LocalJobRunner(fs).run(job);

        assertTrue(result.mapTasks() >= input.length / ClusterFixture.BLOCK_BYTES, "maps: " + result.mapTasks());
        assertEquals(List.of("/wc/out/part-r-00000", "/wc/out/part-r-00001", "/wc/out/part-r-00002"),
                result.outputFiles());
        assertTrue(fs.exists("/wc/out/_SUCCESS"));
        Map<String, Long> actual = ExampleChecks.wordCounts(fs, result.outputFiles());
        assertEquals(expected, actual);
        Counters c = result.counters();
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), c.get(TaskCounter.MAP_OUTPUT_RECORDS));
        assertEquals(expected.size(), c.get(TaskCounter.REDUCE_INPUT_GROUPS));
        assertEquals(expected.size(), c.get(TaskCounter.REDUCE_OUTPUT_RECORDS));
        // each split reads the byte before its start and on to the end of its last line: a line at most
        long overread = c.get(TaskCounter.BYTES_READ) - input.length;
        assertTrue(overread >= 0 && overread < result.mapTasks() * 200L, "bytes read beyond the input: " + overread);
        assertTrue(c.get(TaskCounter.COMBINE_OUTPUT_RECORDS) < c.get(TaskCounter.COMBINE_INPUT_RECORDS));
        assertEquals(0, c.get(TaskCounter.FAILED_TASK_ATTEMPTS));
    }

    @Test
    void sortOfMultiBlockFixedRecordsIsATotallyOrderedPermutation() throws Exception {
        int records = 30_000;
        byte[] input = ExampleChecks.records(records, 23);
        ClusterFixture.write(fs, "/sort/in/records", input);

        JobResult result = new LocalJobRunner(fs).run(Sort.job(fs, "/sort/in", "/sort/out", 3));

        assertTrue(result.mapTasks() >= input.length / ClusterFixture.BLOCK_BYTES);
        for (String part : result.outputFiles()) {
            byte[] bytes = ClusterFixture.read(fs, part);
            assertTrue(bytes.length > input.length / 6, "a sampled range holds a fair share: " + bytes.length);
        }
        ExampleChecks.assertSortedPermutation(fs, result.outputFiles(), input);
    }
}
