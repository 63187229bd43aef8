package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.JobEvent;
import io.hydrafs.compute.coordinator.RecoveredJob;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.JobStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds journal records into the state of each job ({@link RecoveredJob}), oldest job first.
 * Records of a job not submitted in the journal, or naming tasks it does not have, are
 * skipped: they cannot come from a coordinator that journaled the submit first. Commit grants
 * are not restored: the attempts that held them belong to the old term and are killed.
 *
 * <p>Also picks what a new term copies forward ({@link #retained}): every record of the jobs
 * that have not finished, and of the most recent finished ones (so clients can still ask
 * for their status), in their original order.
 */
public final class JournalReplay {
    private final Map<String, JobFold> jobs = new LinkedHashMap<>();

    /** Folds {@code entries}, in order; snapshot markers are skipped. */
    public static JournalReplay of(List<JournalEntry> entries) {
        JournalReplay replay = new JournalReplay();
        for (JournalEntry e : entries) {
            if (!e.isSnapshotEnd()) {
                replay.apply(e.event());
            }
        }
        return replay;
    }

    /** The jobs, oldest first. */
    public List<RecoveredJob> jobs() {
        return jobs.values().stream().map(JobFold::build).toList();
    }

    /** The records of the unfinished jobs and of the {@code keepFinished} newest finished ones. */
    public static List<JournalEntry> retained(List<JournalEntry> entries, int keepFinished) {
        List<String> finishedOrder = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e.event() instanceof JobEvent.Finished f) {
                finishedOrder.add(f.jobId());
            }
        }
        Set<String> dropped = new HashSet<>(finishedOrder.subList(0, Math.max(0, finishedOrder.size() - keepFinished)));
        return entries.stream().filter(e -> !e.isSnapshotEnd() && !dropped.contains(e.event().jobId())).toList();
    }

    private void apply(JobEvent event) {
        if (event instanceof JobEvent.Submitted s) {
            jobs.putIfAbsent(s.jobId(), new JobFold(s.jobId(), s.submissionId(), s.spec(), s.splits(), s.timeMs()));
            return;
        }
        JobFold job = jobs.get(event.jobId());
        if (job == null) {
            return;
        }
        if (event instanceof JobEvent.AttemptLaunched e) {
            TaskFold t = job.task(e.attempt().attempt());
            if (t != null) {
                t.launched(e.attempt().attempt().attempt(), e.workerId(), e.timeMs());
                job.launched(e.attempt().attempt().type(), e.dataLocal(), e.speculative());
            }
        } else if (event instanceof JobEvent.AttemptSucceeded e) {
            TaskFold t = job.task(e.attempt().attempt());
            if (t != null && t.winner < 0) {
                t.winner = e.attempt().attempt().attempt();
                t.host = e.host();
                t.port = e.port();
                t.counters = e.counters();
            }
        } else if (event instanceof JobEvent.AttemptFailed e) {
            TaskFold t = job.task(e.attempt().attempt());
            if (t != null) {
                t.failures++;
                job.counters.increment(TaskCounter.FAILED_TASK_ATTEMPTS, 1);
            }
        } else if (event instanceof JobEvent.AttemptKilled) {
            job.counters.increment(TaskCounter.KILLED_TASK_ATTEMPTS, 1);
        } else if (event instanceof JobEvent.MapOutputLost e) {
            TaskFold t = job.task(e.attempt().attempt());
            if (t != null && t.winner == e.attempt().attempt().attempt()) {
                t.winner = -1;
                t.host = "";
                t.port = 0;
                t.counters = null;
                job.counters.increment(TaskCounter.RERUN_MAPS, 1);
            }
        } else if (event instanceof JobEvent.Finishing e) {
            job.outcome = e.outcome();
            job.failure = e.failure();
        } else if (event instanceof JobEvent.Finished e) {
            job.outcome = e.state();
            job.failure = e.failure();
            job.finished = true;
            job.finishTimeMs = e.timeMs();
        }
    }

    private static final class JobFold {
        final String id;
        final String submissionId;
        final JobSpec spec;
        final List<InputSplit> splits;
        final long submitTimeMs;
        final List<TaskFold> maps = new ArrayList<>();
        final List<TaskFold> reduces = new ArrayList<>();
        final Counters counters = new Counters();
        JobStatus.State outcome;
        String failure = "";
        boolean finished;
        long finishTimeMs;

        JobFold(String id, String submissionId, JobSpec spec, List<InputSplit> splits, long submitTimeMs) {
            this.id = id;
            this.submissionId = submissionId;
            this.spec = spec;
            this.splits = splits;
            this.submitTimeMs = submitTimeMs;
            splits.forEach(s -> maps.add(new TaskFold()));
            for (int r = 0; r < spec.reducers(); r++) {
                reduces.add(new TaskFold());
            }
        }

        TaskFold task(TaskAttemptId attempt) {
            List<TaskFold> tasks = attempt.type() == TaskType.MAP ? maps : reduces;
            return attempt.task() < tasks.size() ? tasks.get(attempt.task()) : null;
        }

        void launched(TaskType type, boolean dataLocal, boolean speculative) {
            if (type == TaskType.MAP) {
                counters.increment(TaskCounter.LAUNCHED_MAPS, 1);
                counters.increment(dataLocal ? TaskCounter.DATA_LOCAL_MAPS : TaskCounter.OTHER_LOCAL_MAPS, 1);
            } else {
                counters.increment(TaskCounter.LAUNCHED_REDUCES, 1);
            }
            if (speculative) {
                counters.increment(TaskCounter.SPECULATIVE_ATTEMPTS, 1);
            }
        }

        RecoveredJob build() {
            return new RecoveredJob(id, submissionId, spec, splits, submitTimeMs, maps.stream().map(TaskFold::build).toList(),
                    reduces.stream().map(TaskFold::build).toList(), counters, outcome, failure, finished,
                    finishTimeMs);
        }
    }

    private static final class TaskFold {
        final List<RecoveredJob.Attempt> attempts = new ArrayList<>();
        int failures;
        int winner = -1;
        String host = "";
        int port;
        Counters counters;

        void launched(int number, String workerId, long timeMs) {
            // attempt numbers are dense; a gap (a launch never journaled) is filled with an unknown attempt
            while (attempts.size() <= number) {
                attempts.add(new RecoveredJob.Attempt("", timeMs));
            }
            attempts.set(number, new RecoveredJob.Attempt(workerId, timeMs));
        }

        RecoveredJob.Task build() {
            return new RecoveredJob.Task(List.copyOf(attempts), failures, winner < attempts.size() ? winner : -1,
                    host, port, counters);
        }
    }
}
