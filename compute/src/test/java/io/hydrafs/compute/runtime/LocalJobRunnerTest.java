package io.hydrafs.compute.runtime;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.input.FixedLengthInputFormat;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a local job behaves when tasks fail or its paths are wrong. */
@Timeout(120)
class LocalJobRunnerTest extends ClusterTestBase {
    private static final String TEXT = "a b\nc a\nb a\n";

    @BeforeAll
    void writeInputs() throws IOException {
        // several blocks, so there are several map tasks to fail
        ClusterFixture.write(fs, "/jobs/in/text", TEXT.repeat(20_000).getBytes(StandardCharsets.UTF_8));
        ClusterFixture.write(fs, "/jobs/in/_SUCCESS", "not input\n".getBytes(StandardCharsets.UTF_8));
        ClusterFixture.write(fs, "/jobs/in/.hidden", "not input either\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The word counts of the test input. */
    private static Map<String, Long> expectedCounts() {
        return Map.of("a", 60_000L, "b", 40_000L, "c", 20_000L);
    }

    private Map<String, Long> readCounts(JobResult result) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String part : result.outputFiles()) {
            for (String line : new String(ClusterFixture.read(fs, part), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    String[] kv = line.split("\t");
                    counts.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return counts;
    }

    /** WordCount's mapper, but attempt 0 of map task 1 throws (once per job: attempt 1 works). */
    static final class FailsFirstAttempt implements Mapper<Long, String, String, Long> {
        private final WordCount.TokenMapper words = new WordCount.TokenMapper();

        @Override
        public void setup(Context<String, Long> context) {
            TaskAttemptId a = context.attempt();
            if (a.task() == 1 && a.attempt() == 0) {
                throw new IllegalStateException("injected failure in " + a);
            }
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            words.map(offset, line, context);
        }
    }

    /** Throws on every attempt of map task 2, after emitting some output. */
    static final class AlwaysFails implements Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            context.emit("partial", 1L);
            if (context.attempt().task() == 2) {
                throw new IOException("disk on fire in " + context.attempt());
            }
        }
    }

    @Test
    void aMapperThatFailsItsFirstAttemptStillGivesTheRightResult() throws Exception {
        Job job = WordCount.builder("/jobs/in", "/jobs/out-retry", 2).mapper(FailsFirstAttempt::new).build();

        JobResult result = new LocalJobRunner(fs).run(job);

        assertTrue(result.mapTasks() > 2, "maps: " + result.mapTasks());
        assertEquals(expectedCounts(), readCounts(result));
        assertEquals(1, result.counters().get(TaskCounter.FAILED_TASK_ATTEMPTS));
        assertEquals(60_000, result.counters().get(TaskCounter.MAP_INPUT_RECORDS), "failed attempts do not count");
        assertTrue(fs.exists("/jobs/out-retry/_SUCCESS"));
    }

    @Test
    void aTaskFailingEveryAttemptFailsTheJobNamingItAndLeavesNoOutput() {
        Job job = WordCount.builder("/jobs/in", "/jobs/out-fail", 2).mapper(AlwaysFails::new).build();

        JobFailedException e = assertThrows(JobFailedException.class, () -> new LocalJobRunner(fs).run(job));

        assertEquals(new TaskAttemptId(TaskAttemptId.TaskType.MAP, 2, 3), e.lastAttempt());
        assertTrue(e.getMessage().contains("m-00002_3") && e.getMessage().contains("disk on fire"), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
        assertFalse(existsQuietly("/jobs/out-fail"));
    }

    @Test
    void anExistingOutputDirectoryIsRefusedAndKept() throws Exception {
        fs.mkdirs("/jobs/out-exists");
        ClusterFixture.write(fs, "/jobs/out-exists/precious", new byte[]{7});

        HydraException e = assertThrows(HydraException.class,
                () -> new LocalJobRunner(fs).run(WordCount.job("/jobs/in", "/jobs/out-exists", 1)));

        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, e.code());
        assertTrue(e.getMessage().contains("/jobs/out-exists"), e.getMessage());
        assertEquals(List.of("precious"), ClusterFixture.names(fs, "/jobs/out-exists"));
    }

    @Test
    void aMissingInputFailsBeforeTheOutputDirectoryIsCreated() {
        HydraException e = assertThrows(HydraException.class,
                () -> new LocalJobRunner(fs).run(WordCount.job("/jobs/nothing-here", "/jobs/out-missing", 1)));

        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("/jobs/nothing-here"), e.getMessage());
        assertFalse(existsQuietly("/jobs/out-missing"));
    }

    @Test
    void malformedFixedLengthInputIsRefusedWithACleanOutputDirectory() {
        Job job = Job.builder("bad-records").input("/jobs/in").output("/jobs/out-malformed")
                .inputFormat(new FixedLengthInputFormat(7)).mapper(AlwaysFails::new)
                .reducer(WordCount.SumReducer::new)
                .mapOutput(io.hydrafs.compute.serde.TextSerde.INSTANCE, io.hydrafs.compute.serde.LongSerde.INSTANCE)
                .build();

        HydraException e = assertThrows(HydraException.class, () -> new LocalJobRunner(fs).run(job));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(existsQuietly("/jobs/out-malformed"));
    }

    @Test
    void aDirectoryInputSkipsUnderscoreAndDotFiles() throws Exception {
        JobResult result = new LocalJobRunner(fs).run(WordCount.job("/jobs/in", "/jobs/out-dir", 1));

        Map<String, Long> counts = readCounts(result);
        assertEquals(expectedCounts(), counts);
        assertEquals(List.of("/jobs/out-dir/part-r-00000"), result.outputFiles());
    }

    @Test
    void anInvalidSettingIsRefusedBeforeAnythingRuns() {
        Job job = WordCount.builder("/jobs/in", "/jobs/out-config", 1)
                .config(ComputeConfig.TASK_MAX_ATTEMPTS, "zero").build();

        HydraException e = assertThrows(HydraException.class, () -> new LocalJobRunner(fs).run(job));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(ComputeConfig.TASK_MAX_ATTEMPTS));
        assertFalse(existsQuietly("/jobs/out-config"));
    }

    private boolean existsQuietly(String path) {
        try {
            return fs.exists(path);
        } catch (HydraException e) {
            throw new AssertionError(e);
        }
    }
}
