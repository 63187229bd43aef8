package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;

import java.util.List;

/**
 * Finds stragglers: once no task of a kind waits for a first attempt, an attempt running
 * longer than {@code speculativeSlowdown} times the median runtime of the finished tasks of
 * its kind (and at least {@code speculativeMinRuntimeMs}) marks its task for one speculative
 * copy. Each task gets at most one copy per winner; the first attempt to succeed wins.
 */
final class Speculation {
    private Speculation() {
    }

    static void mark(JobRecord job, long nowMs) {
        if (!job.running() || !job.settings().speculative()) {
            return;
        }
        for (TaskType type : TaskType.values()) {
            List<TaskRecord> tasks = job.tasks(type);
            if (tasks.stream().anyMatch(TaskRecord::pending)) {
                continue;
            }
            long[] finished = tasks.stream().filter(TaskRecord::succeeded)
                    .mapToLong(t -> t.winner().runtimeMs(nowMs)).sorted().toArray();
            if (finished.length == 0) {
                continue;
            }
            double median = finished.length % 2 == 1 ? finished[finished.length / 2]
                    : (finished[finished.length / 2 - 1] + finished[finished.length / 2]) / 2.0;
            double threshold = Math.max(job.settings().speculativeMinRuntimeMs(),
                    job.settings().speculativeSlowdown() * median);
            for (TaskRecord t : tasks) {
                List<TaskAttempt> running = t.running();
                if (!t.succeeded() && !t.speculated() && !t.speculationWanted() && running.size() == 1
                        && running.get(0).runtimeMs(nowMs) >= threshold) {
                    t.wantSpeculation();
                }
            }
        }
    }
}
