package io.hydrafs.compute.distributed;

import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a worker's heartbeats move a job along. */
@Timeout(120)
class WorkerHeartbeatTest {
    private static final long TEN_MINUTES_MS = 600_000;
    private static final long LONGEST_HEARTBEAT_INTERVAL_MS = 60_000;

    @Test
    void anEndedAttemptIsReportedAtOnceNotAtTheNextHeartbeatTick() throws Exception {
        // Workers expire only after ten minutes and tick every minute: after the tick at its start,
        // the worker speaks within the first minute only when an attempt ends. The job (a map,
        // then a reduce that needs the map's report) finishes in that minute only through those
        // out-of-band heartbeats.
        try (DistributedFixture f = DistributedFixture.start(1, 1, 0, TEN_MINUTES_MS)) {
            Map<String, Long> expected = new TreeMap<>();
            byte[] input = ExampleChecks.text(20_000, 3, expected).getBytes(StandardCharsets.UTF_8);
            ClusterFixture.write(f.fs, "/hb/in/words.txt", input);
            RunningJob job = f.client.submit(WordCount.spec("/hb/in", "/hb/out", 1, Map.of()));

            f.startWorker("b0", LONGEST_HEARTBEAT_INTERVAL_MS);
            JobStatus s = job.waitForCompletion(Duration.ofSeconds(40));

            assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
            assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/hb/out")));
        }
    }
}
