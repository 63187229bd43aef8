package io.hydrafs.compute.distributed;

import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.coordinator.SchedulingSettings;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task failures, refused submits and kills on a coordinator with two workers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DistributedFailuresTest {
    private static final String INPUT = "/fail/in/words.txt";

    private DistributedFixture f;
    private final Map<String, Long> expected = new TreeMap<>();

    @BeforeAll
    void start() throws IOException {
        f = DistributedFixture.start(2);
        ClusterFixture.write(f.fs, INPUT, ExampleChecks.text(256 * 1024, 3, expected).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aMapperFailingItsFirstAttemptSucceedsOnRetryOnAnotherWorker() throws Exception {
        JobStatus s = f.run(HookedWordCount.spec("retry", INPUT, "/fail/retry", 2,
                Map.of(HookedWordCount.FAIL_MAP, "0", HookedWordCount.FAIL_ATTEMPTS, "1")));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertEquals(1, s.counters().get(TaskCounter.FAILED_TASK_ATTEMPTS));
        assertNotEquals(HookedWordCount.STARTED.get("retry/m-00000_0"), HookedWordCount.STARTED.get("retry/m-00000_1"),
                "retried on the other worker");
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/fail/retry")));
    }

    @Test
    void aMapperFailingEveryAttemptFailsTheJobNamingTaskAttemptAndErrorAndLeavesNoOutput() throws Exception {
        JobStatus s = f.run(HookedWordCount.spec("doomed", INPUT, "/fail/doomed", 2,
                Map.of(HookedWordCount.FAIL_MAP, "0", HookedWordCount.FAIL_ATTEMPTS, "100")));

        assertEquals(JobStatus.State.FAILED, s.state());
        assertTrue(s.failure().contains("task m-00000 failed 4 attempts; last attempt m-00000_3"), s.failure());
        assertTrue(s.failure().contains("IllegalStateException: injected failure of m-00000_3"), s.failure());
        assertEquals(4, s.counters().get(TaskCounter.FAILED_TASK_ATTEMPTS));
        assertFalse(f.fs.exists("/fail/doomed"), "a failed job removes its output");

        JobStatus next = f.run(WordCount.spec(INPUT, "/fail/after-doomed", 1, Map.of()));
        assertEquals(JobStatus.State.SUCCEEDED, next.state(), "the coordinator goes on serving: " + next.failure());
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/fail/after-doomed")));
    }

    @Test
    void anExistingOutputDirectoryIsRefusedAtSubmit() throws Exception {
        f.fs.mkdirs("/fail/exists");
        int jobsBefore = f.client.list().size();

        HydraException e = assertThrows(HydraException.class,
                () -> f.client.submit(WordCount.spec(INPUT, "/fail/exists", 1, Map.of())));

        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, e.code());
        assertTrue(e.getMessage().contains("/fail/exists"), e.getMessage());
        assertEquals(jobsBefore, f.client.list().size(), "no job was created");
    }

    @Test
    void aMissingInputIsRefusedAtSubmitNamingItAndCreatesNoOutput() throws Exception {
        HydraException e = assertThrows(HydraException.class,
                () -> f.client.submit(WordCount.spec("/fail/nowhere", "/fail/no-input-out", 1, Map.of())));

        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("/fail/nowhere"), e.getMessage());
        assertFalse(f.fs.exists("/fail/no-input-out"));
    }

    @Test
    void aSpecNamingNoLoadableDefinitionIsRefusedAtSubmit() {
        JobSpec spec = JobSpec.builder("ghost").definition("io.hydrafs.NoSuchDefinition").input(INPUT)
                .output("/fail/ghost").build();

        HydraException e = assertThrows(HydraException.class, () -> f.client.submit(spec));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("io.hydrafs.NoSuchDefinition"), e.getMessage());
    }

    @Test
    void aKilledJobStopsAndLeavesNoOutput() throws Exception {
        RunningJob job = f.client.submit(HookedWordCount.spec("killed", INPUT, "/fail/killed", 1,
                Map.of(HookedWordCount.STALL_MAP, "0", SchedulingSettings.SPECULATIVE, "false")));
        await().atMost(Duration.ofSeconds(30)).until(() -> HookedWordCount.STARTED.containsKey("killed/m-00000_0"));

        assertTrue(job.kill());
        JobStatus s = job.waitForCompletion(Duration.ofSeconds(30));

        assertEquals(JobStatus.State.KILLED, s.state());
        assertFalse(f.fs.exists("/fail/killed"));
        assertFalse(job.kill(), "already over");
    }

    @Test
    void theStatusOfAnUnknownJobIsRefused() {
        HydraException e = assertThrows(HydraException.class, () -> f.client.job("job_0_9999").status());
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
