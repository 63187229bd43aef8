package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.job.MapOutputEvent;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * All job and task state of the coordinator, and every decision on it: which worker runs
 * what, retries, re-runs of lost map outputs, speculative copies, when a job is done. Plain
 * Java without sockets, threads or clocks: the caller passes the time, serialises calls (the
 * class is not thread-safe) and does the I/O the scheduler asks for (splits before
 * {@link #submit}, job commit or abort after {@link #takeFinishes}).
 *
 * <p>Every state change is also given, in order, to the {@link JobEvent} listener, which a
 * journal can store to rebuild the jobs elsewhere.
 *
 * <p>Workers: a worker is known from its first heartbeat. One that misses heartbeats for
 * {@code workerExpiryMs} (see {@link #tick}) or comes back with another start time is lost:
 * its running attempts are killed and rescheduled, and its finished map outputs are run
 * again if some reduce of their job has not succeeded yet. Jobs are served first come,
 * first served.
 *
 * <p>Finished jobs: the newest {@code retainedFinishedJobs} (by finish time) stay answerable;
 * an older one is forgotten (status, kill and the rest then say "no job", as for an id never
 * known), so a long-running coordinator's memory does not grow with every job it ran.
 */
public final class JobScheduler {
    private final String jobIdPrefix;
    private final long workerExpiryMs;
    private final int retainedFinishedJobs;
    private final Consumer<JobEvent> journal;
    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    /** Client submission id -> the job that submit made (journaled with the job, so a takeover keeps it). */
    private final Map<String, String> jobsBySubmission = new HashMap<>();
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    /** Workers holding restored map outputs, not heard from yet: id -> when they count as lost. */
    private final Map<String, Long> awaitedWorkers = new LinkedHashMap<>();
    private final JobRecord.Listener listener;
    private int jobSeq;

    /**
     * @param jobIdPrefix    job ids are this plus a sequence number (e.g. {@code job_<start time>_})
     * @param workerExpiryMs silence after which a worker is lost
     * @param journal        receives every {@link JobEvent}
     */
    public JobScheduler(String jobIdPrefix, long workerExpiryMs, Consumer<JobEvent> journal) {
        this(jobIdPrefix, workerExpiryMs, CoordinatorConfig.RETAINED_JOBS.defaultValue(), journal);
    }

    /** @param retainedFinishedJobs how many finished jobs stay known (the newest ones) */
    public JobScheduler(String jobIdPrefix, long workerExpiryMs, int retainedFinishedJobs, Consumer<JobEvent> journal) {
        Invariants.check(retainedFinishedJobs >= 0, "retained finished jobs %s", retainedFinishedJobs);
        this.jobIdPrefix = jobIdPrefix;
        this.workerExpiryMs = workerExpiryMs;
        this.retainedFinishedJobs = retainedFinishedJobs;
        this.journal = journal;
        this.listener = new JobRecord.Listener() {
            @Override
            public void event(JobEvent event) {
                journal.accept(event);
            }

            @Override
            public void kill(TaskAttempt attempt) {
                WorkerRecord w = workers.get(attempt.workerId());
                if (w != null) {
                    w.orderKill(attempt.key());
                }
            }
        };
    }

    /** Adds a job whose splits were planned and whose output directory was set up; returns its id. */
    public String submit(JobSpec spec, List<InputSplit> splits, long nowMs) throws HydraException {
        return submit("", spec, splits, nowMs);
    }

    /**
     * As {@link #submit(JobSpec, List, long)}, for a submit the client identified with
     * {@code submissionId} ("" for none): when a job was made for that id already (the
     * client sent the submit again, e.g. to a new coordinator after a failover), its id is
     * returned and nothing changes.
     */
    public String submit(String submissionId, JobSpec spec, List<InputSplit> splits, long nowMs)
            throws HydraException {
        Optional<String> known = submittedAs(submissionId);
        if (known.isPresent()) {
            return known.get();
        }
        SchedulingSettings settings = SchedulingSettings.from(spec.config());
        String id = jobIdPrefix + String.format("%04d", ++jobSeq);
        journal.accept(new JobEvent.Submitted(id, submissionId, spec, List.copyOf(splits), nowMs));
        jobs.put(id, new JobRecord(id, spec, settings, splits, nowMs, listener));
        if (!submissionId.isEmpty()) {
            jobsBySubmission.put(submissionId, id);
        }
        return id;
    }

    /** The job a submit identified by {@code submissionId} made, if this scheduler still knows it. */
    public Optional<String> submittedAs(String submissionId) {
        return submissionId.isEmpty() ? Optional.empty() : Optional.ofNullable(jobsBySubmission.get(submissionId));
    }

    /**
     * Takes over a job from a journal (see {@link RecoveredJob}) after a coordinator failover:
     * finished tasks stay finished, and the maps' outputs are expected where they were made.
     * A worker holding such an output that sends no heartbeat within the worker expiry is
     * treated as lost (its outputs re-run), as if this scheduler had known it all along.
     */
    public void restoreJob(RecoveredJob recovered, long nowMs) throws HydraException {
        Invariants.check(!jobs.containsKey(recovered.jobId()), "job %s restored twice", recovered.jobId());
        JobRecord job = JobRecord.restore(recovered, SchedulingSettings.from(recovered.spec().config()), nowMs,
                listener);
        jobs.put(job.id(), job);
        if (!recovered.submissionId().isEmpty()) {
            jobsBySubmission.put(recovered.submissionId(), job.id());
        }
        forgetOldFinishedJobs();
        if (job.mapOutputsNeeded()) {
            for (TaskRecord map : job.maps()) {
                String worker = map.winner() == null ? null : map.winner().workerId();
                if (worker != null && !workers.containsKey(worker)) {
                    awaitedWorkers.putIfAbsent(worker, nowMs + workerExpiryMs);
                }
            }
        }
    }

    /** Takes in what a worker reports and answers with attempts to start and to stop. */
    public HeartbeatReply heartbeat(WorkerReport report, long nowMs) {
        awaitedWorkers.remove(report.workerId());
        WorkerRecord worker = workers.get(report.workerId());
        if (worker != null && worker.startTimeMs() != report.startTimeMs()) {
            lose(worker, "worker " + worker.id() + " restarted", nowMs);
            worker = null;
        }
        if (worker == null) {
            worker = new WorkerRecord(report.workerId(), report.startTimeMs());
            workers.put(worker.id(), worker);
        }
        worker.heard(report, nowMs);
        applyReports(worker, report, nowMs);
        List<Assignment> assignments = new ArrayList<>();
        int free = worker.freeSlots();
        while (assignments.size() < free) {
            Assignment a = assignOne(worker, nowMs);
            if (a == null) {
                break;
            }
            assignments.add(a);
        }
        List<String> finished = new ArrayList<>();
        for (String jobId : List.copyOf(worker.jobsRun())) {
            JobRecord job = jobs.get(jobId);
            if (job == null || !job.running()) {
                finished.add(jobId);
                worker.jobsRun().remove(jobId);
            }
        }
        return new HeartbeatReply(assignments, worker.drainKills(), finished);
    }

    private void applyReports(WorkerRecord worker, WorkerReport report, long nowMs) {
        Set<AttemptKey> listed = new HashSet<>();
        for (WorkerReport.AttemptReport r : report.attempts()) {
            listed.add(r.attempt());
            JobRecord job = jobs.get(r.attempt().jobId());
            Optional<TaskAttempt> found = job == null ? Optional.empty() : job.attempt(r.attempt());
            if (found.isEmpty() || !found.get().workerId().equals(worker.id())) {
                if (r.state() == AttemptState.RUNNING) {
                    worker.orderKill(r.attempt());  // not ours (e.g. from before a coordinator restart)
                }
                continue;
            }
            TaskAttempt attempt = found.get();
            switch (r.state()) {
                case RUNNING -> {
                    if (!attempt.running()) {
                        worker.orderKill(r.attempt());  // e.g. its kill order was lost
                    }
                }
                case SUCCEEDED -> job.attemptSucceeded(attempt, r.counters(), worker.host(), worker.shufflePort(), nowMs);
                case FAILED -> job.attemptFailed(attempt, r.error(), nowMs);
                case KILLED -> job.attemptKilled(attempt, "stopped on " + worker.id(), nowMs);
            }
            if (r.state() != AttemptState.RUNNING) {
                worker.running().remove(r.attempt());
            }
        }
        // every attempt assigned earlier is listed while it runs: one missing never started
        for (AttemptKey key : List.copyOf(worker.running())) {
            if (!listed.contains(key)) {
                worker.running().remove(key);
                JobRecord job = jobs.get(key.jobId());
                if (job != null) {
                    job.attempt(key).ifPresent(a -> job.attemptKilled(a, "not running on " + worker.id(), nowMs));
                }
            }
        }
    }

    private Assignment assignOne(WorkerRecord worker, long nowMs) {
        for (JobRecord job : jobs.values()) {
            TaskPicker.Pick pick = TaskPicker.pick(job, worker, workers.values(), nowMs);
            if (pick == null) {
                continue;
            }
            TaskAttempt attempt = job.launch(pick.task(), worker.id(), pick.dataLocal(), pick.speculative(), nowMs);
            worker.running().add(attempt.key());
            worker.ran(job.id());
            TaskRecord task = pick.task();
            return new Assignment(attempt.key(), job.spec(), task.split(),
                    task.type() == TaskType.REDUCE ? job.maps().size() : 0);
        }
        return null;
    }

    /** Expires silent workers and looks for stragglers; call it every few hundred ms. */
    public void tick(long nowMs) {
        for (Map.Entry<String, Long> awaited : List.copyOf(awaitedWorkers.entrySet())) {
            if (nowMs >= awaited.getValue()) {
                awaitedWorkers.remove(awaited.getKey());
                loseOutputs(awaited.getKey(), "worker " + awaited.getKey() + " did not come back after a "
                        + "coordinator failover", nowMs);
            }
        }
        for (WorkerRecord w : List.copyOf(workers.values())) {
            if (nowMs - w.lastHeartbeatMs() > workerExpiryMs) {
                lose(w, "worker " + w.id() + " sent no heartbeat for " + (nowMs - w.lastHeartbeatMs()) + " ms",
                        nowMs);
            }
        }
        for (JobRecord job : jobs.values()) {
            Speculation.mark(job, nowMs);
        }
    }

    private void lose(WorkerRecord worker, String reason, long nowMs) {
        workers.remove(worker.id());
        for (AttemptKey key : worker.running()) {
            JobRecord job = jobs.get(key.jobId());
            if (job != null) {
                job.attempt(key).ifPresent(a -> job.attemptKilled(a, reason, nowMs));
            }
        }
        loseOutputs(worker.id(), reason, nowMs);
    }

    private void loseOutputs(String workerId, String reason, long nowMs) {
        for (JobRecord job : jobs.values()) {
            for (TaskRecord map : job.maps()) {
                if (map.winner() != null && map.winner().workerId().equals(workerId)) {
                    job.mapOutputLost(map, reason, nowMs);
                }
            }
        }
    }

    /** The map output feed of a job from position {@code from}. */
    public List<MapOutputEvent> mapOutputEvents(String jobId, int from) throws HydraException {
        return job(jobId).feed(Math.max(0, from));
    }

    /** Position after the last event of the feed. */
    public int mapOutputEventCount(String jobId) throws HydraException {
        return job(jobId).feedSize();
    }

    /** False once the job stopped running (reducers stop fetching). */
    public boolean isRunning(String jobId) throws HydraException {
        return job(jobId).running();
    }

    /** A reduce attempt could not fetch the output of map {@code mapIndex} attempt {@code mapAttempt}. */
    public void reportFetchFailure(String jobId, int mapIndex, int mapAttempt, AttemptKey reducer, long nowMs)
            throws HydraException {
        if (reducer.attempt().type() != TaskType.REDUCE || !reducer.jobId().equals(jobId)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "fetch failure reported by " + reducer
                    + ", not a reduce of job " + jobId);
        }
        job(jobId).fetchFailed(mapIndex, mapAttempt, reducer.attempt().task(), nowMs);
    }

    /** Whether the reduce attempt may promote its output; see {@link JobRecord#canCommit}. */
    public boolean canCommit(AttemptKey attempt) throws HydraException {
        JobRecord job = job(attempt.jobId());
        Optional<TaskAttempt> a = job.attempt(attempt);
        return a.isPresent() && attempt.attempt().type() == TaskType.REDUCE && job.canCommit(a.get());
    }

    /** False when the job had already finished (or is committing its output). */
    public boolean kill(String jobId, long nowMs) throws HydraException {
        return job(jobId).kill(nowMs);
    }

    /** Job commits and aborts to do now; each is handed out once. */
    public List<JobFinish> takeFinishes() {
        List<JobFinish> out = new ArrayList<>();
        for (JobRecord job : jobs.values()) {
            job.takeFinish().ifPresent(out::add);
        }
        return out;
    }

    /**
     * A commit or abort from {@link #takeFinishes} is done; {@code error} null unless it
     * failed. Returns the job's status after it (the job may be forgotten right away when no
     * finished job is retained).
     */
    public JobStatus finishDone(String jobId, String error, long nowMs) throws HydraException {
        JobRecord job = job(jobId);
        job.finishDone(error, nowMs);
        JobStatus status = job.status(true);
        forgetOldFinishedJobs();
        return status;
    }

    /** Drops the finished jobs beyond the newest {@code retainedFinishedJobs}, oldest finish first. */
    private void forgetOldFinishedJobs() {
        List<JobRecord> done = jobs.values().stream().filter(JobRecord::done).toList();
        if (done.size() <= retainedFinishedJobs) {
            return;
        }
        // stable sort: equal finish times keep submit order
        List<JobRecord> oldestFirst = done.stream().sorted(Comparator.comparingLong(JobRecord::finishTimeMs)).toList();
        for (JobRecord job : oldestFirst.subList(0, done.size() - retainedFinishedJobs)) {
            jobs.remove(job.id());
            jobsBySubmission.values().remove(job.id());
        }
    }

    public JobStatus status(String jobId) throws HydraException {
        return job(jobId).status(true);
    }

    /** Every job, oldest first, without counters. */
    public List<JobStatus> list() {
        return jobs.values().stream().map(j -> j.status(false)).toList();
    }

    /** Ids of the workers currently live. */
    public List<String> liveWorkers() {
        return List.copyOf(workers.keySet());
    }

    private JobRecord job(String jobId) throws HydraException {
        JobRecord job = jobs.get(jobId);
        if (job == null) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "no job " + jobId + ": never submitted here, or "
                    + "finished and forgotten (the coordinator keeps the " + retainedFinishedJobs
                    + " most recently finished jobs)");
        }
        return job;
    }
}
