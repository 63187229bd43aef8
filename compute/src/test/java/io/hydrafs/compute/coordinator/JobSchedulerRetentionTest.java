package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.coordinator.SchedulerHarness.FakeWorker;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler keeps only the most recently finished jobs (Hadoop's retained completed jobs). */
class JobSchedulerRetentionTest {
    private final SchedulerHarness h = new SchedulerHarness(2);

    /** Kills the job and reports its output removed: it is finished. */
    private void finish(String job) throws Exception {
        h.scheduler.kill(job, h.now);
        for (JobFinish f : h.scheduler.takeFinishes()) {
            h.scheduler.finishDone(f.jobId(), null, h.now);
        }
        h.advance(10);
    }

    private List<String> known() {
        return h.scheduler.list().stream().map(JobStatus::jobId).toList();
    }

    @Test
    void theOldestFinishedJobsAreForgottenAndTheirStatusSaysSo() throws Exception {
        String first = h.submit(1, 1, Map.of());
        String second = h.submit(1, 1, Map.of());
        String third = h.submit(1, 1, Map.of());

        finish(first);
        finish(second);
        finish(third);

        assertEquals(List.of(second, third), known());
        HydraException e = assertThrows(HydraException.class, () -> h.scheduler.status(first));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("no job " + first) && e.getMessage().contains("2 most recently finished"),
                e.getMessage());
        assertEquals(JobStatus.State.KILLED, h.status(third).state());
    }

    @Test
    void forgettingFollowsFinishOrderNotSubmitOrderAndNeverTouchesRunningJobs() throws Exception {
        String oldestRunning = h.submit(1, 1, Map.of());
        String a = h.submit(1, 1, Map.of());
        String b = h.submit(1, 1, Map.of());
        String c = h.submit(1, 1, Map.of());

        finish(c);
        finish(a);
        finish(b);

        assertEquals(List.of(oldestRunning, a, b), known(), "c finished first, so it goes first");
        assertEquals(JobStatus.State.RUNNING, h.status(oldestRunning).state());
    }

    @Test
    void aForgottenJobsSubmissionIdIsForgottenToo() throws Exception {
        String job = h.scheduler.submit("submission-1", SchedulerHarness.spec(1, Map.of()),
                SchedulerHarness.splits(List.of(List.of("b0"))), h.now);
        finish(job);
        finish(h.submit(1, 1, Map.of()));
        finish(h.submit(1, 1, Map.of()));

        assertEquals(Optional.empty(), h.scheduler.submittedAs("submission-1"));
    }

    @Test
    void aWorkerThatRanAForgottenJobIsToldItFinished() throws Exception {
        SchedulerHarness none = new SchedulerHarness(0);
        String job = none.submit(1, 1, Map.of());
        FakeWorker w0 = none.worker("w0", 2, "b0", "b1", "b2");
        w0.heartbeat();  // takes the map

        none.scheduler.kill(job, none.now);
        for (JobFinish f : none.scheduler.takeFinishes()) {
            assertEquals(JobStatus.State.KILLED, none.scheduler.finishDone(f.jobId(), null, none.now).state());
        }
        List<String> finished = none.scheduler.heartbeat(new WorkerReport("w0", "host-w0", 9000, 2, 0, 2,
                w0.locality, w0.startTime, List.of()), none.now).finishedJobs();

        assertEquals(List.of(), none.scheduler.list());
        assertEquals(List.of(job), finished, "so it drops the job's map outputs");
    }
}
