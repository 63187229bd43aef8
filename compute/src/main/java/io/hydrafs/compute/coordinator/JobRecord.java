package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.job.MapOutputEvent;
import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One job's tasks, attempts and map output feed, and the rules that move them: a success
 * makes its attempt the task's winner (any other running attempt is killed); a failure
 * counts towards {@code maxAttempts}, after which the job fails; a lost map output makes the
 * map pending again and withdraws it from the feed. When every reduce has succeeded the job
 * awaits its commit; when it fails or is killed, its abort.
 *
 * <p>Phases: RUNNING -> COMMITTING -> SUCCEEDED (or FAILED if the commit fails), and
 * RUNNING -> ABORTING -> FAILED or KILLED. Outside RUNNING no attempt runs and reports are
 * ignored. Not thread-safe: the {@link JobScheduler} serialises access.
 */
final class JobRecord {
    enum Phase { RUNNING, COMMITTING, ABORTING, DONE }

    /** Where the record's side effects go: the journal, and kill orders to workers. */
    interface Listener {
        void event(JobEvent event);

        void kill(TaskAttempt attempt);
    }

    private final String id;
    private final JobSpec spec;
    private final SchedulingSettings settings;
    private final List<TaskRecord> maps = new ArrayList<>();
    private final List<TaskRecord> reduces = new ArrayList<>();
    private final List<MapOutputEvent> feed = new ArrayList<>();
    private final Counters jobCounters = new Counters();
    private final Listener listener;
    private final long submitTimeMs;
    private Phase phase = Phase.RUNNING;
    private JobStatus.State outcome = JobStatus.State.RUNNING;
    private String failure = "";
    private long finishTimeMs;
    private boolean finishTaken;

    JobRecord(String id, JobSpec spec, SchedulingSettings settings, List<InputSplit> splits, long nowMs,
              Listener listener) {
        this(id, spec, settings, splits, nowMs, nowMs, listener);
    }

    private JobRecord(String id, JobSpec spec, SchedulingSettings settings, List<InputSplit> splits,
                      long submitTimeMs, long nowMs, Listener listener) {
        this.id = id;
        this.spec = spec;
        this.settings = settings;
        this.listener = listener;
        this.submitTimeMs = submitTimeMs;
        for (int i = 0; i < splits.size(); i++) {
            maps.add(new TaskRecord(TaskType.MAP, i, splits.get(i), nowMs));
        }
        for (int r = 0; r < spec.reducers(); r++) {
            reduces.add(new TaskRecord(TaskType.REDUCE, r, null, nowMs));
        }
    }

    /**
     * A job as a journal left it: earlier attempts ended (the winners succeeded, all others
     * count as killed, so whatever still runs of them on workers is stopped when reported; an
     * unfinished task skips one attempt number, see below),
     * winning maps back in the feed, and its end resumed: a decided outcome is committed or
     * aborted again (both are idempotent), a finished job stays finished. Emits no event unless
     * the job turns out complete without a decision (then Finishing).
     */
    static JobRecord restore(RecoveredJob r, SchedulingSettings settings, long nowMs, Listener listener) {
        JobRecord job = new JobRecord(r.jobId(), r.spec(), settings, r.splits(), r.submitTimeMs(), nowMs, listener);
        job.restoreTasks(job.maps, r.maps(), nowMs);
        job.restoreTasks(job.reduces, r.reduces(), nowMs);
        job.jobCounters.add(r.counters());
        if (r.finished()) {
            job.phase = Phase.DONE;
            job.outcome = r.outcome();
            job.failure = r.failure();
            job.finishTimeMs = r.finishTimeMs();
            job.finishTaken = true;
        } else if (r.outcome() != null) {
            job.phase = r.outcome() == JobStatus.State.SUCCEEDED ? Phase.COMMITTING : Phase.ABORTING;
            job.outcome = r.outcome();
            job.failure = r.failure();
        } else if (!job.reduces.isEmpty() && job.reduces.stream().allMatch(TaskRecord::succeeded)) {
            job.finishing(Phase.COMMITTING, JobStatus.State.SUCCEEDED, "", nowMs);
        }
        return job;
    }

    private void restoreTasks(List<TaskRecord> tasks, List<RecoveredJob.Task> recovered, long nowMs) {
        Invariants.check(tasks.size() == recovered.size(), "job %s: %s tasks recovered for %s", id,
                recovered.size(), tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            TaskRecord task = tasks.get(i);
            RecoveredJob.Task r = recovered.get(i);
            for (RecoveredJob.Attempt a : r.attempts()) {
                TaskAttempt attempt = new TaskAttempt(new AttemptKey(id, task.nextAttemptId()), a.workerId(),
                        a.startMs(), false);
                attempt.end(task.attempts().size() == r.winner() ? AttemptState.SUCCEEDED : AttemptState.KILLED,
                        nowMs);
                task.attempts().add(attempt);
            }
            task.restoreFailures(r.failures());
            if (!r.succeeded()) {
                // fencing: an old term paused past its lease may have launched one more attempt whose record
                // never reached the journal; its number is skipped so two live attempts never share a name
                TaskAttempt reserved = new TaskAttempt(new AttemptKey(id, task.nextAttemptId()), "", nowMs, false);
                reserved.end(AttemptState.KILLED, nowMs);
                task.attempts().add(reserved);
            }
            if (r.succeeded()) {
                TaskAttempt winner = task.attempts().get(r.winner());
                task.win(winner, r.counters() == null ? new Counters() : r.counters());
                if (task.type() == TaskType.MAP) {
                    feed.add(new MapOutputEvent(i, r.winner(), r.host(), r.port(), false));
                }
            }
        }
    }

    String id() {
        return id;
    }

    JobSpec spec() {
        return spec;
    }

    SchedulingSettings settings() {
        return settings;
    }

    Phase phase() {
        return phase;
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    /** Ended and its output committed or removed: nothing will change any more. */
    boolean done() {
        return phase == Phase.DONE;
    }

    /** When it became {@link #done()} (0 before). */
    long finishTimeMs() {
        return finishTimeMs;
    }

    List<TaskRecord> maps() {
        return Collections.unmodifiableList(maps);
    }

    List<TaskRecord> reduces() {
        return Collections.unmodifiableList(reduces);
    }

    List<TaskRecord> tasks(TaskType type) {
        return type == TaskType.MAP ? maps() : reduces();
    }

    Optional<TaskAttempt> attempt(AttemptKey key) {
        List<TaskRecord> tasks = tasks(key.attempt().type());
        int task = key.attempt().task();
        return task < tasks.size() ? tasks.get(task).attempt(key.attempt().attempt()) : Optional.empty();
    }

    TaskRecord task(AttemptKey key) {
        return tasks(key.attempt().type()).get(key.attempt().task());
    }

    /** Enough maps are done for reduces to start fetching. */
    boolean reducesMayStart() {
        long done = maps.stream().filter(TaskRecord::succeeded).count();
        return done >= Math.ceil(settings.reduceSlowstart() * maps.size());
    }

    TaskAttempt launch(TaskRecord task, String workerId, boolean dataLocal, boolean speculative, long nowMs) {
        Invariants.check(running(), "launch in job %s that is %s", id, phase);
        TaskAttempt attempt = new TaskAttempt(new AttemptKey(id, task.nextAttemptId()), workerId, nowMs, speculative);
        task.attempts().add(attempt);
        if (task.type() == TaskType.MAP) {
            jobCounters.increment(TaskCounter.LAUNCHED_MAPS, 1);
            jobCounters.increment(dataLocal ? TaskCounter.DATA_LOCAL_MAPS : TaskCounter.OTHER_LOCAL_MAPS, 1);
        } else {
            jobCounters.increment(TaskCounter.LAUNCHED_REDUCES, 1);
        }
        if (speculative) {
            task.speculationLaunched();
            jobCounters.increment(TaskCounter.SPECULATIVE_ATTEMPTS, 1);
        }
        listener.event(new JobEvent.AttemptLaunched(attempt.key(), workerId, dataLocal, speculative, nowMs));
        return attempt;
    }

    /** The first success wins the task; a later one (a slower copy) is recorded as killed. */
    void attemptSucceeded(TaskAttempt attempt, Counters counters, String host, int port, long nowMs) {
        if (!attempt.running() || !running()) {
            return;
        }
        TaskRecord task = task(attempt.key());
        if (task.succeeded()) {
            attemptKilled(attempt, "another attempt of " + task.name() + " won", nowMs);
            return;
        }
        attempt.end(AttemptState.SUCCEEDED, nowMs);
        task.win(attempt, counters);
        listener.event(new JobEvent.AttemptSucceeded(attempt.key(), host, port, counters));
        if (task.type() == TaskType.MAP) {
            feed.add(new MapOutputEvent(task.index(), attempt.id().attempt(), host, port, false));
        }
        for (TaskAttempt other : task.running()) {
            attemptKilled(other, "another attempt of " + task.name() + " won", nowMs);
            listener.kill(other);
        }
        if (reduces.stream().allMatch(TaskRecord::succeeded)) {
            finishing(Phase.COMMITTING, JobStatus.State.SUCCEEDED, "", nowMs);
        }
    }

    void attemptFailed(TaskAttempt attempt, String error, long nowMs) {
        if (!attempt.running() || !running()) {
            return;
        }
        attempt.end(AttemptState.FAILED, nowMs);
        listener.event(new JobEvent.AttemptFailed(attempt.key(), error));
        countFailure(task(attempt.key()), attempt, error, nowMs);
    }

    private void countFailure(TaskRecord task, TaskAttempt attempt, String error, long nowMs) {
        task.countFailure(attempt.workerId());
        jobCounters.increment(TaskCounter.FAILED_TASK_ATTEMPTS, 1);
        if (task.failures() >= settings.maxAttempts()) {
            fail("task " + task.name() + " failed " + task.failures() + " attempts; last attempt " + attempt.id()
                    + " on worker " + attempt.workerId() + ": " + error, nowMs);
        } else if (task.pending()) {
            task.markPending(nowMs);
        }
    }

    /** Stopped by the coordinator or lost with its worker: not a failure of the task. */
    void attemptKilled(TaskAttempt attempt, String reason, long nowMs) {
        if (!attempt.running()) {
            return;
        }
        attempt.end(AttemptState.KILLED, nowMs);
        jobCounters.increment(TaskCounter.KILLED_TASK_ATTEMPTS, 1);
        listener.event(new JobEvent.AttemptKilled(attempt.key(), reason));
        TaskRecord task = task(attempt.key());
        if (task.pending()) {
            task.markPending(nowMs);
        }
    }

    /** Some reduce has not succeeded yet, so map outputs may still be fetched. */
    boolean mapOutputsNeeded() {
        return running() && !reduces.stream().allMatch(TaskRecord::succeeded);
    }

    /** The winner of {@code task} can no longer serve its output: run the map again. */
    void mapOutputLost(TaskRecord task, String reason, long nowMs) {
        TaskAttempt winner = task.winner();
        if (winner == null || !mapOutputsNeeded()) {
            return;
        }
        feed.add(new MapOutputEvent(task.index(), winner.id().attempt(), "", 0, true));
        task.withdrawWinner(nowMs);
        jobCounters.increment(TaskCounter.RERUN_MAPS, 1);
        listener.event(new JobEvent.MapOutputLost(winner.key(), reason));
    }

    /**
     * Reduce {@code reducer} could not fetch the output of {@code mapAttempt} of map {@code mapIndex}.
     * Enough distinct reporters (fewer when fewer reduces run) make it count as a failed map
     * attempt and the map run again. Reports about an output already replaced are ignored.
     */
    void fetchFailed(int mapIndex, int mapAttempt, int reducer, long nowMs) {
        if (!running() || mapIndex < 0 || mapIndex >= maps.size() || reducer >= reduces.size()) {
            return;
        }
        TaskRecord task = maps.get(mapIndex);
        TaskAttempt winner = task.winner();
        if (winner == null || winner.id().attempt() != mapAttempt) {
            return;
        }
        long runningReduces = reduces.stream().filter(r -> !r.running().isEmpty()).count();
        int threshold = (int) Math.max(1, Math.min(settings.fetchFailuresToRerun(), runningReduces));
        if (task.addFetchFailure(reducer) < threshold) {
            return;
        }
        mapOutputLost(task, "reduces could not fetch it", nowMs);
        countFailure(task, winner, "its output could not be fetched by the reduces", nowMs);
    }

    /**
     * May this reduce attempt promote its output? Exactly one attempt of a task gets a yes
     * (until it ends without succeeding, then another may).
     */
    boolean canCommit(TaskAttempt attempt) {
        TaskRecord task = task(attempt.key());
        if (!running() || !attempt.running() || task.succeeded()) {
            return false;
        }
        TaskAttempt holder = task.commitHolder();
        if (holder == attempt) {
            return true;
        }
        if (holder != null && holder.running()) {
            return false;
        }
        task.grantCommit(attempt);
        listener.event(new JobEvent.CommitGranted(attempt.key()));
        return true;
    }

    void fail(String message, long nowMs) {
        if (running()) {
            finishing(Phase.ABORTING, JobStatus.State.FAILED, "job " + id + " (" + spec.name() + ") failed: " + message,
                    nowMs);
        }
    }

    /** False when the job already finished or is committing. */
    boolean kill(long nowMs) {
        if (!running()) {
            return false;
        }
        finishing(Phase.ABORTING, JobStatus.State.KILLED, "killed", nowMs);
        return true;
    }

    private void finishing(Phase next, JobStatus.State result, String message, long nowMs) {
        phase = next;
        outcome = result;
        failure = message;
        listener.event(new JobEvent.Finishing(id, result, message, nowMs));
        for (TaskRecord t : maps) {
            stopAll(t, nowMs);
        }
        for (TaskRecord t : reduces) {
            stopAll(t, nowMs);
        }
    }

    private void stopAll(TaskRecord task, long nowMs) {
        for (TaskAttempt a : task.running()) {
            a.end(AttemptState.KILLED, nowMs);
            jobCounters.increment(TaskCounter.KILLED_TASK_ATTEMPTS, 1);
            listener.kill(a);
        }
    }

    /** The commit or abort to do, once: empty while running or after it was taken. */
    Optional<JobFinish> takeFinish() {
        if ((phase != Phase.COMMITTING && phase != Phase.ABORTING) || finishTaken) {
            return Optional.empty();
        }
        finishTaken = true;
        return Optional.of(new JobFinish(id, spec, phase == Phase.COMMITTING));
    }

    /** The output was committed or removed; {@code error} is null unless that failed. */
    void finishDone(String error, long nowMs) {
        Invariants.check(finishTaken && phase != Phase.DONE, "finish of job %s that is %s", id, phase);
        if (error != null) {
            if (phase == Phase.COMMITTING) {
                // the output may be half committed: it is removed as for any failed job
                outcome = JobStatus.State.FAILED;
                failure = "job " + id + " (" + spec.name() + ") failed: committing the output: " + error;
                phase = Phase.ABORTING;
                finishTaken = false;
                return;
            }
            failure = failure + " (removing the output failed: " + error + ")";
        }
        phase = Phase.DONE;
        finishTimeMs = nowMs;
        listener.event(new JobEvent.Finished(id, outcome, failure, nowMs));
    }

    List<MapOutputEvent> feed(int from) {
        return from >= feed.size() ? List.of() : List.copyOf(feed.subList(from, feed.size()));
    }

    int feedSize() {
        return feed.size();
    }

    JobStatus status(boolean withCounters) {
        Counters counters = new Counters();
        if (withCounters) {
            counters.add(jobCounters);
            for (TaskRecord t : maps) {
                addIfSet(counters, t.counters());
            }
            for (TaskRecord t : reduces) {
                addIfSet(counters, t.counters());
            }
        }
        JobStatus.State state = phase == Phase.DONE ? outcome : JobStatus.State.RUNNING;
        return new JobStatus(id, spec.name(), state, progress(maps), progress(reduces), counters, failure,
                submitTimeMs, finishTimeMs, spec.output());
    }

    private static void addIfSet(Counters into, Counters c) {
        if (c != null) {
            into.add(c);
        }
    }

    private static JobStatus.Progress progress(List<TaskRecord> tasks) {
        int done = 0;
        int running = 0;
        for (TaskRecord t : tasks) {
            if (t.succeeded()) {
                done++;
            } else if (!t.running().isEmpty()) {
                running++;
            }
        }
        return new JobStatus.Progress(tasks.size(), done, running);
    }
}
