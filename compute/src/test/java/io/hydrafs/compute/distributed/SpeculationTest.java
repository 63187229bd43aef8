package io.hydrafs.compute.distributed;

import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.SchedulingSettings;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.job.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stragglers get a speculative copy on the other worker; the copy wins and only its output counts. */
@Timeout(120)
class SpeculationTest {
    private DistributedFixture f;

    @BeforeEach
    void start() throws IOException {
        f = DistributedFixture.start(2);
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aStalledMapAndAStalledReduceAreOvertakenByTheirSpeculativeCopies() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        ClusterFixture.write(f.fs, "/spec/in/words.txt",
                ExampleChecks.text(512 * 1024, 17, expected).getBytes(StandardCharsets.UTF_8));

        JobStatus s = f.run(HookedWordCount.spec("spec", "/spec/in/words.txt", "/spec/out", 2,
                Map.of(HookedWordCount.STALL_MAP, "0", HookedWordCount.STALL_REDUCE, "0",
                        SchedulingSettings.SPECULATIVE_MIN_RUNTIME_MS, "1000")));

        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        // at least the two stalled tasks' copies (a loaded machine may make another attempt look slow)
        assertTrue(s.counters().get(TaskCounter.SPECULATIVE_ATTEMPTS) >= 2, s.counters().toString());
        assertTrue(s.counters().get(TaskCounter.KILLED_TASK_ATTEMPTS) >= 2, "the stalled originals");
        for (String task : List.of("m-00000", "r-00000")) {
            assertNotNull(HookedWordCount.STARTED.get("spec/" + task + "_1"), task + " got a copy");
            assertNotEquals(HookedWordCount.STARTED.get("spec/" + task + "_0"),
                    HookedWordCount.STARTED.get("spec/" + task + "_1"), "the copy runs on the other worker");
        }
        assertEquals(List.of("/spec/out/part-r-00000", "/spec/out/part-r-00001"),
                DistributedExamplesTest.parts(f, "/spec/out"));
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/spec/out")));
    }
}
