package io.hydrafs.compute.distributed;

import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.coordinator.SchedulingSettings;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.job.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker dies mid-job (closed at once, as a crash) while one of its attempts is stalled in
 * a known phase; a fresh worker joins; the job still finishes with the right output. The
 * stall makes the timing deterministic: the dead worker surely holds a running attempt.
 */
@Timeout(120)
class WorkerLossTest {
    private static final String INPUT = "/loss/in/words.txt";

    private DistributedFixture f;
    private final Map<String, Long> expected = new TreeMap<>();

    @BeforeEach
    void start() throws IOException {
        f = DistributedFixture.start(2);
        ClusterFixture.write(f.fs, INPUT, ExampleChecks.text(768 * 1024, 13, expected).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aWorkerLostDuringTheMapPhaseHasItsMapsRunElsewhere() throws Exception {
        RunningJob job = f.client.submit(HookedWordCount.spec("lossmap", INPUT, "/loss/map-out", 2,
                Map.of(HookedWordCount.STALL_MAP, "0", SchedulingSettings.SPECULATIVE, "false")));
        await().atMost(Duration.ofSeconds(30)).until(() -> HookedWordCount.STARTED.containsKey("lossmap/m-00000_0")
                && f.mapsLeft(job) == 1);
        String doomed = HookedWordCount.STARTED.get("lossmap/m-00000_0");

        f.worker(doomed).close();
        f.startWorker();
        JobStatus s = job.waitForCompletion(Duration.ofSeconds(60));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertNotNull(HookedWordCount.STARTED.get("lossmap/m-00000_1"));
        assertNotEquals(doomed, HookedWordCount.STARTED.get("lossmap/m-00000_1"));
        assertTrue(s.counters().get(TaskCounter.KILLED_TASK_ATTEMPTS) >= 1, s.counters().toString());
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/loss/map-out")));
    }

    @Test
    void aWorkerLostDuringTheReducePhaseHasItsReduceAndMapOutputsRedone() throws Exception {
        RunningJob job = f.client.submit(HookedWordCount.spec("lossreduce", INPUT, "/loss/reduce-out", 2,
                Map.of(HookedWordCount.STALL_REDUCE, "0", SchedulingSettings.SPECULATIVE, "false")));
        await().atMost(Duration.ofSeconds(30)).until(() -> HookedWordCount.STARTED.containsKey("lossreduce/r-00000_0")
                && f.mapsLeft(job) == 0);
        String doomed = HookedWordCount.STARTED.get("lossreduce/r-00000_0");
        boolean doomedRanMaps = HookedWordCount.STARTED.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("lossreduce/m-") && e.getValue().equals(doomed));

        f.worker(doomed).close();
        f.startWorker();
        JobStatus s = job.waitForCompletion(Duration.ofSeconds(60));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertNotEquals(doomed, HookedWordCount.STARTED.get("lossreduce/r-00000_1"));
        assertEquals(doomedRanMaps, s.counters().get(TaskCounter.RERUN_MAPS) > 0,
                "the lost worker's map outputs are run again: " + s.counters());
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/loss/reduce-out")));
    }
}
