package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.SchedulerHarness.FakeWorker;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.job.MapOutputEvent;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures and their recovery: retries, job failure, lost workers, fetch failures, commits, kill. */
class JobSchedulerRecoveryTest {
    private final SchedulerHarness h = new SchedulerHarness();

    private static boolean isMap(Assignment a) {
        return a.attempt().attempt().type() == TaskType.MAP;
    }

    @Test
    void aJobWhoseTasksAllSucceedIsCommittedThenSucceedsWithTheWinnersCounters() throws Exception {
        String job = h.submit(3, 2, Map.of());
        FakeWorker w = h.worker("w0", 5, "b0", "b1", "b2");
        w.heartbeat();
        assertEquals(2, w.succeedAll().size(), "the reduces");
        w.succeedAll();
        assertEquals(JobStatus.State.RUNNING, h.status(job).state(), "running until committed");

        List<JobFinish> finishes = h.scheduler.takeFinishes();
        assertEquals(List.of(new JobFinish(job, SchedulerHarness.spec(2, Map.of()), true)), finishes);
        assertTrue(h.scheduler.takeFinishes().isEmpty(), "handed out once");
        h.scheduler.finishDone(job, null, h.now);

        JobStatus s = h.status(job);
        assertEquals(JobStatus.State.SUCCEEDED, s.state());
        assertEquals(new JobStatus.Progress(3, 3, 0), s.maps());
        assertEquals(50, s.counters().get(TaskCounter.MAP_INPUT_RECORDS), "10 per winning attempt");
        assertEquals(3, s.counters().get(TaskCounter.LAUNCHED_MAPS));
        assertEquals(2, s.counters().get(TaskCounter.LAUNCHED_REDUCES));
        assertTrue(h.journal.get(h.journal.size() - 1) instanceof JobEvent.Finished);
    }

    @Test
    void aFailedAttemptIsRetriedOnAnotherWorker() throws Exception {
        String job = h.submit(1, 1, Map.of());
        FakeWorker w0 = h.worker("w0", 1, "b0");
        FakeWorker w1 = h.worker("w1", 1, "b0");
        AttemptKey first = w0.heartbeat().get(0).attempt();
        w1.announce();
        w0.fail(first, "boom");

        assertTrue(w0.heartbeat().isEmpty(), "not again on the worker where it failed");
        List<Assignment> retry = w1.heartbeat();

        assertEquals(1, retry.size());
        assertEquals(1, retry.get(0).attempt().attempt().attempt());
        assertEquals(1, h.status(job).counters().get(TaskCounter.FAILED_TASK_ATTEMPTS));
    }

    @Test
    void aTaskFailingEveryAttemptFailsTheJobNamingTaskAttemptAndErrorAndItsOutputIsRemoved() throws Exception {
        String job = h.submit(2, 1, Map.of(SchedulingSettings.MAX_ATTEMPTS, "3"));
        FakeWorker w = h.worker("w0", 2, "b0", "b1", "b2");
        w.heartbeat();
        for (int i = 0; i < 3; i++) {
            AttemptKey m0 = w.running.keySet().stream().filter(k -> k.attempt().task() == 0).findFirst().orElseThrow();
            w.fail(m0, "java.io.IOException: bad record " + i);
            w.heartbeat();
        }

        JobStatus s = h.status(job);
        assertEquals(JobStatus.State.RUNNING, s.state(), "until the output is removed");
        assertTrue(s.failure().contains("task m-00000 failed 3 attempts; last attempt m-00000_2"), s.failure());
        assertTrue(s.failure().contains("java.io.IOException: bad record 2"), s.failure());
        assertTrue(w.running.isEmpty(), "the other map was killed");
        assertEquals(List.of(new JobFinish(job, SchedulerHarness.spec(1,
                Map.of(SchedulingSettings.MAX_ATTEMPTS, "3")), false)), h.scheduler.takeFinishes());
        h.scheduler.finishDone(job, null, h.now);
        assertEquals(JobStatus.State.FAILED, h.status(job).state());
        assertTrue(w.heartbeat().isEmpty(), "a failed job assigns nothing");
    }

    @Test
    void aLostWorkersRunningAndFinishedMapsRunAgainAndItsOutputsAreWithdrawn() throws Exception {
        String job = h.submit(2, 1, Map.of(SchedulingSettings.SLOWSTART, "1"));
        FakeWorker doomed = h.worker("w0", 2, "b0", "b1", "b2");
        List<Assignment> maps = doomed.heartbeat();
        doomed.succeed(maps.get(0).attempt());
        doomed.heartbeat();
        FakeWorker survivor = h.worker("w1", 2, "b0", "b1", "b2");
        survivor.announce();

        h.advance(SchedulerHarness.EXPIRY_MS - 1);
        survivor.announce();
        h.scheduler.tick(h.now);
        assertEquals(List.of("w0", "w1"), h.scheduler.liveWorkers());
        h.advance(2);
        survivor.announce();
        h.scheduler.tick(h.now);

        assertEquals(List.of("w1"), h.scheduler.liveWorkers());
        List<MapOutputEvent> feed = h.scheduler.mapOutputEvents(job, 0);
        assertEquals(List.of(new MapOutputEvent(0, 0, "host-w0", 9000, false), new MapOutputEvent(0, 0, "", 0, true)),
                feed);
        List<Assignment> rerun = survivor.heartbeat();
        assertEquals(2, rerun.size());
        assertTrue(rerun.stream().allMatch(JobSchedulerRecoveryTest::isMap));
        JobStatus s = h.status(job);
        assertEquals(1, s.counters().get(TaskCounter.RERUN_MAPS));
        assertEquals(1, s.counters().get(TaskCounter.KILLED_TASK_ATTEMPTS));
        assertEquals(0, s.counters().get(TaskCounter.FAILED_TASK_ATTEMPTS), "a lost worker is no task failure");
    }

    @Test
    void finishedMapsOfAJobWhoseReducesAllSucceededAreNotRerun() throws Exception {
        String job = h.submit(1, 1, Map.of());
        FakeWorker w = h.worker("w0", 2, "b0");
        w.heartbeat();
        w.succeedAll();
        w.succeedAll();

        h.advance(SchedulerHarness.EXPIRY_MS + 1);
        h.scheduler.tick(h.now);

        assertEquals(1, h.scheduler.mapOutputEvents(job, 0).size());
        assertEquals(1, h.scheduler.takeFinishes().size());
    }

    @Test
    void anAttemptMissingFromALaterHeartbeatIsLostAndRescheduled() throws Exception {
        String job = h.submit(1, 1, Map.of());
        FakeWorker w = h.worker("w0", 1, "b0");
        w.heartbeat();
        w.running.clear();  // as if the assignment never arrived

        List<Assignment> again = w.heartbeat();

        assertEquals(1, again.size());
        assertEquals(1, again.get(0).attempt().attempt().attempt());
        assertEquals(1, h.status(job).counters().get(TaskCounter.KILLED_TASK_ATTEMPTS));
    }

    @Test
    void aRestartedWorkerIsANewWorkerAndItsOldOutputsAreLost() throws Exception {
        String job = h.submit(1, 1, Map.of(SchedulingSettings.SLOWSTART, "1"));
        h.worker("w0", 1, "b0").heartbeat();
        h.workers.get("w0").succeedAll();
        h.advance(5);
        FakeWorker restarted = h.worker("w0", 1, "b0");

        List<Assignment> got = restarted.heartbeat();

        assertTrue(isMap(got.get(0)), "the map runs again, not the reduce");
        assertTrue(h.scheduler.mapOutputEvents(job, 0).get(1).obsolete());
    }

    @Test
    void fetchFailuresFromEnoughReducesRerunTheMap() throws Exception {
        String job = h.submit(1, 3, Map.of());
        FakeWorker w = h.worker("w0", 4, "b0");
        AttemptKey map = w.heartbeat().get(0).attempt();
        List<Assignment> reduces = w.succeedAll();
        assertEquals(3, reduces.size());

        h.scheduler.reportFetchFailure(job, 0, 0, reduces.get(0).attempt(), h.now);
        h.scheduler.reportFetchFailure(job, 0, 0, reduces.get(0).attempt(), h.now);
        assertEquals(1, h.scheduler.mapOutputEvents(job, 0).size(), "one reduce alone is not enough");
        h.scheduler.reportFetchFailure(job, 0, 0, reduces.get(1).attempt(), h.now);

        assertTrue(h.scheduler.mapOutputEvents(job, 0).get(1).obsolete());
        assertEquals(1, h.status(job).counters().get(TaskCounter.FAILED_TASK_ATTEMPTS));
        h.scheduler.reportFetchFailure(job, 0, 0, reduces.get(2).attempt(), h.now);  // stale: ignored
        assertEquals(2, h.scheduler.mapOutputEvents(job, 0).size());
        assertThrows(HydraException.class, () -> h.scheduler.reportFetchFailure(job, 0, 0, map, h.now));
    }

    @Test
    void onlyOneAttemptOfAReduceMayCommit() throws Exception {
        String job = h.submit(1, 2, Map.of(SchedulingSettings.SPECULATIVE_MIN_RUNTIME_MS, "0"));
        FakeWorker w0 = h.worker("w0", 2, "b0");
        FakeWorker w1 = h.worker("w1", 1, "b0");
        w0.heartbeat();
        List<Assignment> reduces = w0.succeedAll();
        h.advance(10);
        w0.succeed(reduces.get(0).attempt());
        w0.heartbeat();
        AttemptKey original = reduces.get(1).attempt();
        h.advance(1_000);
        h.scheduler.tick(h.now);
        AttemptKey copy = w1.heartbeat().get(0).attempt();
        assertEquals(original.attempt().task(), copy.attempt().task());

        assertTrue(h.scheduler.canCommit(copy));
        assertTrue(h.scheduler.canCommit(copy), "asking again is fine");
        assertFalse(h.scheduler.canCommit(original));
        w1.fail(copy, "lost its disk after the grant");
        w1.heartbeat();
        assertTrue(h.scheduler.canCommit(original), "the holder failed: another attempt may commit");
        assertEquals(JobStatus.State.RUNNING, h.status(job).state());
    }

    @Test
    void aKilledJobStopsItsAttemptsAndIsAborted() throws Exception {
        String job = h.submit(2, 1, Map.of());
        String other = h.submit(1, 1, Map.of());
        FakeWorker w = h.worker("w0", 2, "b0", "b1", "b2");
        List<AttemptKey> started = w.heartbeat().stream().map(Assignment::attempt).toList();

        assertTrue(h.scheduler.kill(job, h.now));
        List<Assignment> next = w.heartbeat();

        assertEquals(started, w.killed);
        assertTrue(next.stream().allMatch(a -> a.attempt().jobId().equals(other)), "the next job gets the slots");
        assertEquals(List.of(new JobFinish(job, SchedulerHarness.spec(1, Map.of()), false)),
                h.scheduler.takeFinishes());
        h.scheduler.finishDone(job, null, h.now);
        assertEquals(JobStatus.State.KILLED, h.status(job).state());
        assertFalse(h.scheduler.kill(job, h.now), "already finished");
        assertFalse(h.scheduler.isRunning(job));
    }

    @Test
    void aFailedCommitFailsTheJobAndItsOutputIsRemoved() throws Exception {
        String job = h.submit(1, 1, Map.of());
        FakeWorker w = h.worker("w0", 2, "b0");
        w.heartbeat();
        w.succeedAll();
        w.succeedAll();
        h.scheduler.takeFinishes();

        h.scheduler.finishDone(job, "IO_ERROR: meta unavailable", h.now);

        assertEquals(List.of(new JobFinish(job, SchedulerHarness.spec(1, Map.of()), false)),
                h.scheduler.takeFinishes());
        h.scheduler.finishDone(job, null, h.now);
        JobStatus s = h.status(job);
        assertEquals(JobStatus.State.FAILED, s.state());
        assertTrue(s.failure().contains("meta unavailable"), s.failure());
    }

    @Test
    void everyStateChangeIsJournaledInOrder() throws Exception {
        String job = h.submit(1, 1, Map.of());
        FakeWorker w = h.worker("w0", 2, "b0");
        AttemptKey map = w.heartbeat().get(0).attempt();
        AttemptKey reduce = w.succeedAll().get(0).attempt();
        assertTrue(h.scheduler.canCommit(reduce));
        w.succeedAll();
        h.scheduler.takeFinishes();
        h.scheduler.finishDone(job, null, h.now);

        assertEquals(List.of(JobEvent.Submitted.class, JobEvent.AttemptLaunched.class, JobEvent.AttemptSucceeded.class,
                JobEvent.AttemptLaunched.class, JobEvent.CommitGranted.class, JobEvent.AttemptSucceeded.class,
                JobEvent.Finishing.class, JobEvent.Finished.class), h.journal.stream().map(Object::getClass).toList());
        JobEvent.AttemptSucceeded mapDone = (JobEvent.AttemptSucceeded) h.journal.get(2);
        assertEquals(map, mapDone.attempt());
        assertEquals("host-w0:9000", mapDone.host() + ":" + mapDone.port(), "where its output is served");
        assertTrue(h.journal.stream().allMatch(e -> e.jobId().equals(job)));
    }

    @Test
    void unknownJobsAreRefused() {
        assertThrows(HydraException.class, () -> h.scheduler.status("job_9_0001"));
        assertThrows(HydraException.class, () -> h.scheduler.kill("nope", h.now));
    }
}
