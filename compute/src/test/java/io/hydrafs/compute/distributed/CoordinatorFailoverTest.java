package io.hydrafs.compute.distributed;

import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.client.JobClient;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.coordinator.CoordinatorNode;
import io.hydrafs.compute.coordinator.SchedulingSettings;
import io.hydrafs.compute.examples.ExampleChecks;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.output.OutputCommitter;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.SubmitJobRequest;
import io.hydrafs.protocol.compute.SubmitJobResponse;
import io.hydrafs.protocol.net.RpcClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two coordinators (one active, one standby) over a 3-meta-node cluster with 2 workers: clients and workers find the
 * active one, and when it dies mid-job the standby takes the lease, replays the journal and
 * finishes the job without running finished maps again. A test job stalls the first attempt
 * of map 0, so the active coordinator surely dies with that map unfinished and all others done.
 */
@Timeout(180)
class CoordinatorFailoverTest {
    private static final String INPUT = "/ha/in/words.txt";

    private DistributedFixture f;
    private final Map<String, Long> expected = new TreeMap<>();

    @BeforeEach
    void start() throws IOException {
        f = DistributedFixture.start(3, 2, 2);
        ClusterFixture.write(f.fs, INPUT, ExampleChecks.text(768 * 1024, 29, expected).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void onlyOneCoordinatorIsActiveAndAClientOfTheStandbyIsLedToIt() throws Exception {
        CoordinatorNode active = f.active().orElseThrow();
        CoordinatorNode standby = f.coordinators.stream().filter(c -> c != active).findFirst().orElseThrow();

        assertFalse(standby.isActive());
        try (JobClient viaStandby = new JobClient("127.0.0.1:" + standby.port())) {
            JobStatus s = viaStandby.submit(WordCount.spec(INPUT, "/ha/standby-out", 2, Map.of()))
                    .waitForCompletion(Duration.ofSeconds(90));

            assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        }
        assertTrue(active.isActive());
        assertFalse(standby.isActive());
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/ha/standby-out")));
    }

    /** A submit as JobClient sends it, with a submission id of the test's choosing. */
    private String submit(SubmitJobRequest request) throws Exception {
        try (CoordinatorChannel channel = new CoordinatorChannel(f.coordinatorAddresses(), RpcClientOptions.defaults())) {
            return channel.call(ComputeMethods.SUBMIT_JOB, request, SubmitJobResponse.parser()).getJobId();
        }
    }

    @Test
    void theStandbyTakesOverMidJobAndFinishesItWithoutRedoingFinishedMaps() throws Exception {
        SubmitJobRequest request = SubmitJobRequest.newBuilder().setSubmissionId("failover-submit")
                .setSpec(ComputeWire.toProto(HookedWordCount.spec("failover", INPUT, "/ha/out", 2,
                        Map.of(HookedWordCount.STALL_MAP, "0", SchedulingSettings.SPECULATIVE, "false")))).build();
        RunningJob job = f.client.job(submit(request));
        await().atMost(Duration.ofSeconds(60)).until(() -> HookedWordCount.STARTED.containsKey("failover/m-00000_0")
                && f.mapsLeft(job) == 1);
        int maps = job.status().maps().total();
        CoordinatorNode first = f.active().orElseThrow();

        first.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> f.active().isPresent());
        String again = submit(request);  // as a client whose first answer was lost in the failover
        JobStatus s = job.waitForCompletion(Duration.ofSeconds(90));

        assertEquals(job.id(), again, "the same submit sent again is the same job, not FILE_ALREADY_EXISTS");

        assertNotSame(first, f.active().orElseThrow());
        assertEquals(JobStatus.State.SUCCEEDED, s.state(), s.failure());
        assertEquals(expected, ExampleChecks.wordCounts(f.fs, DistributedExamplesTest.parts(f, "/ha/out")));
        assertTrue(f.fs.exists("/ha/out/" + OutputCommitter.SUCCESS));
        List<String> mapAttempts = HookedWordCount.STARTED.keySet().stream().filter(k -> k.startsWith("failover/m-"))
                .sorted().toList();
        assertEquals(maps + 1, mapAttempts.size(), "each map once, plus a new attempt of the stalled one: "
                + mapAttempts);
        assertTrue(mapAttempts.contains("failover/m-00000_2"), "attempt 1 is skipped after a takeover: "
                + mapAttempts);
        assertEquals(maps + 1, s.counters().get(TaskCounter.LAUNCHED_MAPS), s.counters().toString());
    }
}
