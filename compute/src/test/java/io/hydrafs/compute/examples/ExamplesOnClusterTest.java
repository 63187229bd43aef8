package io.hydrafs.compute.examples;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.runtime.ComputeConfig;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.runtime.JobResult;
import io.hydrafs.compute.runtime.LocalJobRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WordCount, Sort and Grep in local mode over multi-block files, checked against independent computations. */
@Timeout(120)
class ExamplesOnClusterTest extends ClusterTestBase {

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

    @Test
    void grepLoadedByNameCountsEveryMatchAsAnIndependentScanDoes(@TempDir Path cache) throws Exception {
        String text = ExampleChecks.text(512 * 1024, 5, new TreeMap<>());
        ClusterFixture.write(fs, "/grep/in/words.txt", text.getBytes(StandardCharsets.UTF_8));
        String regex = "w1[0-9]?7|é";
        Map<String, Long> expected = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = Pattern.compile(regex).matcher(line);
            while (m.find()) {
                expected.merge(m.group(), 1L, Long::sum);
            }
        }

        Job job;
        try (JobLoader loader = new JobLoader(fs, cache)) {
            job = loader.load(Grep.spec("/grep/in", "/grep/out", 2, regex));
        }
        JobResult result = new LocalJobRunner(fs).run(job);

        Map<String, Long> actual = new TreeMap<>();
        for (String part : result.outputFiles()) {
            String out = new String(ClusterFixture.read(fs, part), StandardCharsets.UTF_8);
            for (String line : out.isEmpty() ? new String[0] : out.split("\n")) {
                String[] kv = line.split("\t");
                assertNull(actual.put(kv[0], Long.parseLong(kv[1])), "match twice: " + kv[0]);
            }
        }
        assertTrue(expected.size() > 3, "the pattern matches several strings: " + expected);
        assertEquals(expected, actual);
    }

    @Test
    void sortDefinedFromItsSpecPartitionsAlikeInEveryJvm() throws Exception {
        byte[] input = new byte[5_000 * Sort.RECORD_BYTES];
        new Random(3).nextBytes(input);
        ClusterFixture.write(fs, "/sortspec/in", input);

        var spec = Sort.spec(fs, "/sortspec/in", "/sortspec/out", 4, Map.of());
        Job here = new Sort.Definition().define(spec);
        Job elsewhere = new Sort.Definition().define(spec);

        assertEquals(3, spec.config().get(Sort.SPLIT_POINTS_KEY).split(",").length);
        for (byte[] record : split(input)) {
            byte[] key = Arrays.copyOf(record, Sort.KEY_BYTES);
            assertEquals(here.partitioner().partition(key, 4), elsewhere.partitioner().partition(key, 4));
        }
    }

    private static List<byte[]> split(byte[] data) {
        List<byte[]> records = new ArrayList<>();
        for (int off = 0; off < data.length; off += Sort.RECORD_BYTES) {
            records.add(Arrays.copyOfRange(data, off, off + Sort.RECORD_BYTES));
        }
        return records;
    }
}
