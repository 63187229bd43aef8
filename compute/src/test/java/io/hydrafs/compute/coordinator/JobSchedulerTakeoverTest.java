package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.SchedulerHarness.FakeWorker;
import io.hydrafs.compute.coordinator.journal.JournalCodec;
import io.hydrafs.compute.coordinator.journal.JournalEntry;
import io.hydrafs.compute.coordinator.journal.JournalReplay;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.job.MapOutputEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second scheduler takes over the jobs of a first one from its journal (events through the
 * codec and the replay), as a standby coordinator does after a failover.
 */
class JobSchedulerTakeoverTest {
    private static final Map<String, String> NO_SLOWSTART = Map.of(SchedulingSettings.SLOWSTART, "1.0",
            SchedulingSettings.SPECULATIVE, "false", SchedulingSettings.LOCALITY_WAIT_MS, "0");

    private final SchedulerHarness old = new SchedulerHarness();
    private final SchedulerHarness next = new SchedulerHarness();

    /** The old scheduler's journal as the new one reads it: encoded, decoded, folded. */
    private void takeOver() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        old.journal.forEach(e -> bytes.writeBytes(JournalCodec.encode(new JournalEntry(1, e))));
        List<JournalEntry> entries = JournalCodec.decode(bytes.toByteArray()).entries();
        for (RecoveredJob job : JournalReplay.of(entries).jobs()) {
            next.scheduler.restoreJob(job, next.now);
        }
    }

    /** The same worker process, now reporting to the new scheduler. */
    private FakeWorker reconnect(FakeWorker w) {
        FakeWorker again = next.workers.computeIfAbsent(w.id, id -> next.new FakeWorker(id, w.slots, w.reduceSlots, w.locality,
                w.startTime));
        again.running.putAll(w.running);
        return again;
    }

    private static AttemptKey map(String job, int task, int attempt) {
        return new AttemptKey(job, new TaskAttemptId(TaskType.MAP, task, attempt));
    }

    @Test
    void finishedMapsAreNotRerunAndAStillRunningOldAttemptIsKilledAndReplacedByANewNumber() throws Exception {
        String job = old.submit(4, 1, NO_SLOWSTART);
        FakeWorker w0 = old.worker("w0", 2, "b0", "b1", "b2");
        FakeWorker w1 = old.worker("w1", 2, "b0", "b1", "b2");
        w0.heartbeat();
        List<Assignment> onW1 = w1.heartbeat();
        w0.succeedAll();
        w1.succeed(onW1.get(0).attempt());
        w1.heartbeat();
        AttemptKey stillRunning = onW1.get(1).attempt();

        takeOver();
        FakeWorker n0 = reconnect(w0);
        FakeWorker n1 = reconnect(w1);
        List<Assignment> assigned = new ArrayList<>(n1.heartbeat());
        assigned.addAll(n0.heartbeat());

        assertEquals(List.of(stillRunning), n1.killed);
        assertEquals(List.of(map(job, stillRunning.attempt().task(), 2)),  // 1 is skipped: see JobRecord.restore
                assigned.stream().map(Assignment::attempt).toList());
        assertEquals(3, next.status(job).maps().succeeded());
        List<MapOutputEvent> feed = next.scheduler.mapOutputEvents(job, 0);
        assertEquals(3, feed.size());
        assertTrue(feed.stream().allMatch(e -> e.host().startsWith("host-w")));

        List<Assignment> reduce = new ArrayList<>((n1.running.containsKey(assigned.get(0).attempt()) ? n1 : n0).succeedAll());
        reduce.addAll(n0.heartbeat());
        assertEquals(1, reduce.size());
        (n0.running.isEmpty() ? n1 : n0).succeedAll();
        List<JobFinish> finishes = next.scheduler.takeFinishes();
        next.scheduler.finishDone(job, null, next.now);

        assertEquals(List.of(true), finishes.stream().map(JobFinish::commit).toList());
        JobStatus s = next.status(job);
        assertEquals(JobStatus.State.SUCCEEDED, s.state());
        assertEquals(5, s.counters().get(TaskCounter.LAUNCHED_MAPS), "4 maps plus one new attempt of the unfinished one");
        assertEquals(5 * 10, s.counters().get(TaskCounter.MAP_INPUT_RECORDS), "winners' counters: 4 maps, 1 reduce");
    }

    @Test
    void aWorkerHoldingRestoredOutputsThatNeverComesBackHasItsMapsRerun() throws Exception {
        String job = old.submit(2, 1, NO_SLOWSTART);
        FakeWorker w0 = old.worker("w0", 2, "b0", "b1", "b2");
        w0.heartbeat();
        w0.succeedAll();

        takeOver();
        FakeWorker fresh = next.worker("w9", 3, "b0", "b1", "b2");
        List<Assignment> first = fresh.heartbeat();
        assertEquals(List.of(TaskType.REDUCE), first.stream().map(a -> a.attempt().attempt().type()).toList(),
                "the maps' outputs are expected on w0 for now");
        next.advance(SchedulerHarness.EXPIRY_MS);
        next.scheduler.tick(next.now);
        List<Assignment> rerun = fresh.heartbeat();

        assertEquals(List.of(map(job, 0, 1), map(job, 1, 1)), rerun.stream().map(Assignment::attempt).toList());
        assertEquals(2, next.status(job).counters().get(TaskCounter.RERUN_MAPS));
    }

    @Test
    void aSubmitSentAgainAfterATakeoverGetsTheJobTheOldSchedulerMade() throws Exception {
        JobSpec spec = SchedulerHarness.spec(1, NO_SLOWSTART);
        String job = old.scheduler.submit("submission-1", spec, SchedulerHarness.splits(List.of(List.of("b0"))), old.now);

        takeOver();
        String again = next.scheduler.submit("submission-1", spec, SchedulerHarness.splits(List.of(List.of("b0"))),
                next.now);

        assertEquals(job, again);
        assertEquals(List.of(job), next.scheduler.list().stream().map(JobStatus::jobId).toList());
        assertTrue(next.journal.isEmpty(), "nothing new to journal: " + next.journal);
        assertEquals(Optional.empty(), next.scheduler.submittedAs("submission-2"));
    }

    @Test
    void submitsWithOtherOrNoSubmissionIdsMakeNewJobs() throws Exception {
        JobSpec spec = SchedulerHarness.spec(1, NO_SLOWSTART);
        List<InputSplit> splits = SchedulerHarness.splits(List.of(List.of("b0")));

        String a = old.scheduler.submit("submission-a", spec, splits, old.now);
        String b = old.scheduler.submit("submission-b", spec, splits, old.now);
        String none1 = old.scheduler.submit("", spec, splits, old.now);
        String none2 = old.scheduler.submit("", spec, splits, old.now);

        assertEquals(4, Set.of(a, b, none1, none2).size());
        assertEquals(a, old.scheduler.submit("submission-a", spec, splits, old.now));
        assertEquals(4, old.scheduler.list().size());
    }

    @Test
    void aJobWhoseSuccessWasDecidedIsCommittedAgainAndAFinishedJobStaysFinished() throws Exception {
        String committing = old.submit(1, 1, NO_SLOWSTART);
        FakeWorker w0 = old.worker("w0", 2, "b0", "b1", "b2");
        w0.heartbeat();
        w0.succeedAll();
        w0.succeedAll();
        String killed = old.submit(1, 1, NO_SLOWSTART);
        old.scheduler.kill(killed, old.now);
        old.scheduler.takeFinishes().stream().filter(f -> f.jobId().equals(killed)).forEach(f -> {
            try {
                old.scheduler.finishDone(f.jobId(), null, old.now);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        takeOver();
        List<JobFinish> finishes = next.scheduler.takeFinishes();

        assertEquals(List.of(committing), finishes.stream().map(JobFinish::jobId).toList());
        assertTrue(finishes.get(0).commit());
        assertEquals(JobStatus.State.KILLED, next.status(killed).state());
        assertFalse(next.scheduler.isRunning(committing));
        assertTrue(next.scheduler.takeFinishes().isEmpty(), "handed out once");
    }
}
